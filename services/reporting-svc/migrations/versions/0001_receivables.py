"""customers, invoices and payment allocations, with the platform's messaging tables

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
        "customers",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_minor", sa.BigInteger, nullable=False),
        sa.Column("issue_date", sa.Date, nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
    )
    op.create_index("invoices_by_customer", "invoices", ["customer_id", "issue_date"])
    op.create_table(
        "payment_allocations",
        sa.Column("payment_id", sa.Text, primary_key=True),
        sa.Column("invoice_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
    )
    op.create_index(
        "payment_allocations_by_invoice",
        "payment_allocations",
        ["invoice_id", "received_on"],
        postgresql_include=["amount_minor"],
    )
    op.create_index("payment_allocations_by_customer", "payment_allocations", ["customer_id"])


def downgrade() -> None:
    op.drop_table("payment_allocations")
    op.drop_table("invoices")
    op.drop_table("customers")
