"""receivables and collection cases, with the platform's messaging and idempotency tables

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from ledgerflow_platform.migrations import create_platform_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_platform_tables(op.get_bind())
    op.create_table(
        "receivables",
        sa.Column("invoice_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("open_amount", sa.BigInteger, nullable=False),
        sa.Column("overdue", sa.Boolean, nullable=False),
    )
    op.create_index("ix_receivables_customer_id", "receivables", ["customer_id"])
    op.create_table(
        "collection_cases",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("overdue_amount", sa.BigInteger, nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name="case_status_known"),
    )
    op.create_index("ix_collection_cases_customer_id", "collection_cases", ["customer_id"])
    # Whatever the delivery, a customer never has two open cases at once.
    op.create_index(
        "one_open_case_per_customer",
        "collection_cases",
        ["customer_id"],
        unique=True,
        postgresql_where=sa.text("status = 'open'"),
    )


def downgrade() -> None:
    op.drop_table("collection_cases")
    op.drop_table("receivables")
