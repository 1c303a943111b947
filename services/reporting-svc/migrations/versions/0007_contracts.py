"""customers' contracts and the contract each invoice bills, for the finance customer table

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invoices", sa.Column("contract_id", sa.Text, nullable=True))
    op.create_index(
        "invoices_by_contract",
        "invoices",
        ["contract_id"],
        postgresql_where=sa.text("contract_id IS NOT NULL"),
    )
    op.create_table(
        "contracts",
        sa.Column("contract_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("number", sa.Text, nullable=False, index=True),
        sa.Column("contract_version", sa.Integer, nullable=False),
        sa.Column("project", sa.Text, nullable=False),
        sa.Column("signed_on", sa.Date, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_minor", sa.BigInteger, nullable=False),
        sa.Column("payment_cycle", sa.Text, nullable=True),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("closed_on", sa.Date, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("contracts")
    op.drop_index("invoices_by_contract", table_name="invoices")
    op.drop_column("invoices", "contract_id")
