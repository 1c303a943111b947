"""receivables remember the order they bill, and whether the invoice was voided

A reservation asked for after its order's invoice has arrived would otherwise count beside
the invoice until it expired: the check and the reservation look the order up here. A voided
invoice bills its order no more, so a reservation for the order counts again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("receivables", sa.Column("order_reference", sa.String, nullable=True))
    op.add_column(
        "receivables",
        sa.Column("voided", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index(
        "ix_receivables_customer_order",
        "receivables",
        ["customer_id", "order_reference"],
        postgresql_where=sa.text("order_reference IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_receivables_customer_order", table_name="receivables")
    op.drop_column("receivables", "voided")
    op.drop_column("receivables", "order_reference")
