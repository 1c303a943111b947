"""credit accounts and receivables, with the platform's messaging and idempotency tables

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
        "credit_accounts",
        sa.Column("customer_id", sa.Text, primary_key=True),
        sa.Column("currency", sa.String(3), nullable=False),
    )
    op.create_table(
        "receivables",
        sa.Column("invoice_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("open_amount", sa.BigInteger, nullable=False),
        sa.Column("overdue", sa.Boolean, nullable=False),
    )
    op.create_index("ix_receivables_customer_id", "receivables", ["customer_id"])


def downgrade() -> None:
    op.drop_table("receivables")
    op.drop_table("credit_accounts")
