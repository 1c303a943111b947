"""credit notes, refunds of customer credit, four-eyes write-offs, late-fee policies and fees

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None


def _money(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.BigInteger, nullable=nullable)


def _customer() -> sa.Column:
    return sa.Column(
        "customer_id", sa.Text, sa.ForeignKey("customer_accounts.customer_id"), nullable=False
    )


def _credit_notes() -> None:
    op.create_table(
        "credit_notes",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("number", sa.Text, nullable=False, unique=True),
        _customer(),
        sa.Column("invoice_id", sa.Text, sa.ForeignKey("invoices.id")),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("issue_date", sa.Date, nullable=False),
        _money("amount"),
        _money("tax_amount"),
        sa.Column("income_account", sa.Text, nullable=False),
        _money("unapplied_amount"),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("issued_by", sa.Text, nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name="credit_note_amount_positive"),
        sa.CheckConstraint(
            "tax_amount >= 0 AND tax_amount <= amount", name="credit_note_tax_in_range"
        ),
        sa.CheckConstraint(
            "unapplied_amount >= 0 AND unapplied_amount <= amount",
            name="credit_note_unapplied_in_range",
        ),
        sa.CheckConstraint(
            "invoice_id IS NULL OR unapplied_amount = 0", name="credit_note_on_invoice_holds_none"
        ),
        sa.CheckConstraint(
            "invoice_id IS NOT NULL OR tax_amount = 0", name="credit_note_on_account_untaxed"
        ),
    )
    op.create_index("credit_notes_by_customer", "credit_notes", ["customer_id", "id"])
    op.create_index(
        "credit_notes_by_invoice",
        "credit_notes",
        ["invoice_id"],
        postgresql_where=sa.text("invoice_id IS NOT NULL"),
    )


def _refunds() -> None:
    op.create_table(
        "refunds",
        sa.Column("id", sa.Text, primary_key=True),
        _customer(),
        sa.Column("currency", sa.String(3), nullable=False),
        _money("amount"),
        sa.Column("method", sa.Text, nullable=False),
        sa.Column("reference", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("requested_on", sa.Date, nullable=False),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("paid_on", sa.Date),
        sa.Column("cancelled_on", sa.Date),
        sa.Column("cancel_reason", sa.Text),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name="refund_amount_positive"),
        sa.CheckConstraint(
            "(status = 'requested' AND paid_on IS NULL AND cancelled_on IS NULL)"
            " OR (status = 'paid' AND paid_on IS NOT NULL AND cancelled_on IS NULL)"
            " OR (status = 'cancelled' AND cancelled_on IS NOT NULL AND paid_on IS NULL)",
            name="refund_status_matches_dates",
        ),
    )
    op.create_index("refunds_by_customer", "refunds", ["customer_id", "id"])
    op.create_table(
        "refund_draws",
        sa.Column("refund_id", sa.Text, sa.ForeignKey("refunds.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("source_kind", sa.Text, nullable=False),
        sa.Column("source_id", sa.Text, nullable=False),
        _money("amount"),
        sa.CheckConstraint("amount > 0", name="refund_draw_amount_positive"),
        sa.CheckConstraint(
            "source_kind IN ('payment', 'credit_note')", name="refund_draw_source_kind"
        ),
    )


def _write_offs() -> None:
    op.create_table(
        "write_offs",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("invoice_id", sa.Text, sa.ForeignKey("invoices.id"), nullable=False),
        _customer(),
        sa.Column("currency", sa.String(3), nullable=False),
        _money("amount"),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("requested_on", sa.Date, nullable=False),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("decided_by", sa.Text),
        sa.Column("decided_on", sa.Date),
        sa.Column("rejection_reason", sa.Text),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name="write_off_amount_positive"),
        sa.CheckConstraint(
            "status IN ('requested', 'approved', 'rejected')", name="write_off_status_known"
        ),
        sa.CheckConstraint(
            "(status = 'requested' AND decided_by IS NULL AND decided_on IS NULL)"
            " OR (status <> 'requested' AND decided_by IS NOT NULL AND decided_on IS NOT NULL"
            " AND (status = 'rejected' OR decided_by <> requested_by))",
            name="write_off_decided_by_another",
        ),
    )
    op.create_index(
        "write_offs_one_pending_per_invoice",
        "write_offs",
        ["invoice_id"],
        unique=True,
        postgresql_where=sa.text("status = 'requested'"),
    )
    op.create_index("write_offs_by_status", "write_offs", ["status", "id"])


def _late_fees() -> None:
    op.create_table(
        "late_fee_policies",
        sa.Column("currency", sa.String(3), primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        _money("fixed_amount", nullable=True),
        sa.Column("percent_per_month", sa.Numeric(7, 4)),
        sa.Column("grace_days", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(kind = 'fixed' AND fixed_amount > 0 AND percent_per_month IS NULL)"
            " OR (kind = 'percent' AND percent_per_month > 0 AND fixed_amount IS NULL)",
            name="late_fee_policy_kind_matches_amounts",
        ),
        sa.CheckConstraint("grace_days >= 0", name="late_fee_policy_grace_not_negative"),
    )
    op.create_table(
        "late_fees",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("invoice_id", sa.Text, sa.ForeignKey("invoices.id"), nullable=False),
        sa.Column(
            "fee_invoice_id", sa.Text, sa.ForeignKey("invoices.id"), nullable=False, unique=True
        ),
        _customer(),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        _money("base_amount"),
        _money("amount"),
        sa.Column("charged_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("invoice_id", "period", name="late_fee_once_per_invoice_and_period"),
        sa.CheckConstraint("amount > 0", name="late_fee_amount_positive"),
    )
    op.create_index("late_fees_by_customer", "late_fees", ["customer_id", "id"])


def upgrade() -> None:
    _credit_notes()
    _refunds()
    _write_offs()
    _late_fees()


def downgrade() -> None:
    for table in (
        "late_fees",
        "late_fee_policies",
        "write_offs",
        "refund_draws",
        "refunds",
        "credit_notes",
    ):
        op.drop_table(table)
