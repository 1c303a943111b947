"""customer accounts, invoices, payments and allocations, with the platform's tables

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
        "customer_accounts",
        sa.Column("customer_id", sa.Text, primary_key=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("payment_terms_days", sa.Integer, nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "invoice_counters",
        sa.Column("series", sa.Text, primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last_number", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("number", sa.Text, nullable=False, unique=True),
        sa.Column(
            "customer_id",
            sa.Text,
            sa.ForeignKey("customer_accounts.customer_id"),
            nullable=False,
        ),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("issue_date", sa.Date, nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("total", sa.BigInteger, nullable=False),
        sa.Column("open_amount", sa.BigInteger, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("marked_overdue_on", sa.Date),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("total > 0", name="invoice_total_positive"),
        sa.CheckConstraint(
            "open_amount >= 0 AND open_amount <= total", name="invoice_open_in_range"
        ),
        sa.CheckConstraint("due_date >= issue_date", name="invoice_due_after_issue"),
    )
    op.create_index(
        "invoices_open_by_seniority",
        "invoices",
        ["customer_id", "due_date", "issue_date", "number"],
        postgresql_where=sa.text("open_amount > 0"),
    )
    op.create_index(
        "invoices_awaiting_overdue",
        "invoices",
        ["due_date"],
        postgresql_where=sa.text("open_amount > 0 AND marked_overdue_on IS NULL"),
    )
    op.create_index("invoices_by_customer", "invoices", ["customer_id", "id"])
    op.create_table(
        "invoice_lines",
        sa.Column("invoice_id", sa.Text, sa.ForeignKey("invoices.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("quantity", sa.Numeric(14, 4), nullable=False),
        sa.Column("unit_price", sa.BigInteger, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column(
            "customer_id",
            sa.Text,
            sa.ForeignKey("customer_accounts.customer_id"),
            nullable=False,
        ),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("reference", sa.Text),
        sa.Column("unapplied_amount", sa.BigInteger, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name="payment_amount_positive"),
        sa.CheckConstraint(
            "unapplied_amount >= 0 AND unapplied_amount <= amount",
            name="payment_unapplied_in_range",
        ),
    )
    op.create_index("payments_by_customer", "payments", ["customer_id", "id"])
    op.create_table(
        "payment_allocations",
        sa.Column("payment_id", sa.Text, sa.ForeignKey("payments.id"), primary_key=True),
        sa.Column("invoice_id", sa.Text, sa.ForeignKey("invoices.id"), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("open_amount_after", sa.BigInteger, nullable=False),
        sa.CheckConstraint("amount > 0", name="allocation_amount_positive"),
        sa.CheckConstraint("open_amount_after >= 0", name="allocation_open_after_non_negative"),
    )
    op.create_index("ix_payment_allocations_invoice_id", "payment_allocations", ["invoice_id"])


def downgrade() -> None:
    for table in ("payment_allocations", "payments", "invoice_lines", "invoices"):
        op.drop_table(table)
    op.drop_table("invoice_counters")
    op.drop_table("customer_accounts")
