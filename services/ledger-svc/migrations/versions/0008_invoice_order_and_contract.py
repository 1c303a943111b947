"""invoices name the order and the contract they bill

Revision ID: 0008_invoice_references
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_invoice_references"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invoices", sa.Column("order_reference", sa.Text))
    op.add_column("invoices", sa.Column("contract_id", sa.Text))


def downgrade() -> None:
    op.drop_column("invoices", "contract_id")
    op.drop_column("invoices", "order_reference")
