"""the customer file reaches the ledger: accounts keep the file's status and code, contracts
are learnt from their signing

Revision ID: 0009_customer_file
Revises: 0008_invoice_references
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_customer_file"
down_revision = "0008_invoice_references"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "customer_accounts",
        sa.Column("status", sa.Text, nullable=False, server_default="active"),
    )
    op.add_column("customer_accounts", sa.Column("code", sa.Text))
    op.create_index("ix_customer_accounts_code", "customer_accounts", ["code"])
    op.create_table(
        "customer_contracts",
        sa.Column("contract_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
    )
    op.create_index(
        "customer_contracts_by_number", "customer_contracts", ["customer_id", "number"]
    )


def downgrade() -> None:
    op.drop_table("customer_contracts")
    op.drop_index("ix_customer_accounts_code", "customer_accounts")
    op.drop_column("customer_accounts", "code")
    op.drop_column("customer_accounts", "status")
