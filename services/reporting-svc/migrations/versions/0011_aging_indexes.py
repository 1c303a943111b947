"""aging in one statement: each customer's settlements and disputes read by customer and date
without touching the table (one customer's aging), covering what the statement sums

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "payment_allocations_by_customer_date",
        "payment_allocations",
        ["customer_id", "received_on"],
        postgresql_include=["invoice_id", "amount_minor", "recorded_at"],
    )
    op.create_index(
        "invoice_adjustments_by_customer_date",
        "invoice_adjustments",
        ["customer_id", "effective_on"],
        postgresql_include=["invoice_id", "reduction_minor", "recorded_at"],
    )
    op.create_index("ix_disputes_customer_id", "disputes", ["customer_id"])


def downgrade() -> None:
    op.drop_index("ix_disputes_customer_id", "disputes")
    op.drop_index("invoice_adjustments_by_customer_date", "invoice_adjustments")
    op.drop_index("payment_allocations_by_customer_date", "payment_allocations")
