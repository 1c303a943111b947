"""accounting periods: every close and reopening of a calendar month; dunning notice fees
charged, once per invoice and level; credit notes against paid invoices hold customer credit; approval requests

Revision ID: 0011
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0011"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounting_period_changes",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("changed_by", sa.Text, nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text),
        sa.CheckConstraint("action IN ('closed', 'reopened')", name="period_change_action"),
    )
    op.create_index(
        "accounting_period_changes_by_period",
        "accounting_period_changes",
        ["period", "changed_at"],
    )

    op.create_table(
        "notice_fees",
        sa.Column("invoice_id", sa.Text, sa.ForeignKey("invoices.id"), primary_key=True),
        sa.Column("level", sa.Integer, primary_key=True),
        sa.Column("notice_id", sa.Text, nullable=False),
        sa.Column(
            "fee_invoice_id", sa.Text, sa.ForeignKey("invoices.id"), nullable=False, unique=True
        ),
        sa.Column(
            "customer_id",
            sa.Text,
            sa.ForeignKey("customer_accounts.customer_id"),
            nullable=False,
        ),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("charged_on", sa.Date, nullable=False),
        sa.CheckConstraint("amount > 0", name="notice_fee_amount_positive"),
    )

    op.create_table(
        "approval_requests",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("payload", postgresql.JSONB, nullable=False),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("decided_by", sa.Text),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("result_id", sa.Text),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name="approval_request_status"
        ),
    )
    # A credit note against a paid invoice holds its amount as the customer's credit.
    op.drop_constraint("credit_note_on_invoice_holds_none", "credit_notes", type_="check")


def downgrade() -> None:
    op.create_check_constraint(
        "credit_note_on_invoice_holds_none",
        "credit_notes",
        "invoice_id IS NULL OR unapplied_amount = 0",
    )
    op.drop_table("approval_requests")
    op.drop_table("notice_fees")
    op.drop_table("accounting_period_changes")
