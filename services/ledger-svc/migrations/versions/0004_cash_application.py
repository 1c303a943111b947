"""cash application: payment methods, early-payment discounts on allocations, payment
reversals and applications of customer credit

Existing payments were all bank transfers without discounts, which the defaults record.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def _money(name: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger, nullable=False)


def upgrade() -> None:
    op.add_column(
        "payments",
        sa.Column("method", sa.Text, nullable=False, server_default="bank_transfer"),
    )
    op.add_column(
        "payment_allocations",
        sa.Column("discount", sa.BigInteger, nullable=False, server_default="0"),
    )
    op.create_check_constraint(
        "allocation_discount_non_negative", "payment_allocations", "discount >= 0"
    )
    op.create_table(
        "payment_reversals",
        sa.Column("payment_id", sa.Text, sa.ForeignKey("payments.id"), primary_key=True),
        sa.Column("reversed_on", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "credit_applications",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column(
            "customer_id", sa.Text, sa.ForeignKey("customer_accounts.customer_id"), nullable=False
        ),
        sa.Column("currency", sa.Text, nullable=False),
        sa.Column("applied_on", sa.Date, nullable=False),
        _money("amount"),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name="credit_application_amount_positive"),
    )
    op.create_index("credit_applications_by_customer", "credit_applications", ["customer_id", "id"])
    op.create_table(
        "credit_application_allocations",
        sa.Column(
            "application_id", sa.Text, sa.ForeignKey("credit_applications.id"), primary_key=True
        ),
        sa.Column("invoice_id", sa.Text, sa.ForeignKey("invoices.id"), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        _money("amount"),
        _money("discount"),
        _money("open_amount_after"),
        sa.CheckConstraint("amount > 0", name="credit_allocation_amount_positive"),
        sa.CheckConstraint("discount >= 0", name="credit_allocation_discount_non_negative"),
        sa.CheckConstraint(
            "open_amount_after >= 0", name="credit_allocation_open_after_non_negative"
        ),
    )
    op.create_index(
        "ix_credit_application_allocations_invoice_id",
        "credit_application_allocations",
        ["invoice_id"],
    )
    op.create_table(
        "credit_application_draws",
        sa.Column(
            "application_id", sa.Text, sa.ForeignKey("credit_applications.id"), primary_key=True
        ),
        sa.Column("source_kind", sa.Text, primary_key=True),
        sa.Column("source_id", sa.Text, primary_key=True),
        _money("amount"),
        sa.CheckConstraint("amount > 0", name="credit_draw_amount_positive"),
    )
    op.create_index(
        "ix_credit_application_draws_source_id", "credit_application_draws", ["source_id"]
    )


def downgrade() -> None:
    for table in (
        "credit_application_draws",
        "credit_application_allocations",
        "credit_applications",
        "payment_reversals",
    ):
        op.drop_table(table)
    op.drop_constraint("allocation_discount_non_negative", "payment_allocations")
    op.drop_column("payment_allocations", "discount")
    op.drop_column("payments", "method")
