"""bank reconciliation: imported bank statements and their lines, reconciliation runs and
line outcomes, payment-to-line matches, and payers' account fingerprints per customer

Revision ID: 0007
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0002"
branch_labels = None
depends_on = None

OUTCOMES = (
    "matched",
    "duplicate",
    "amount_mismatch",
    "proposed",
    "created",
    "unmatched",
    "not_applicable",
)


def _statements() -> None:
    op.create_table(
        "bank_statements",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("file_sha256", sa.Text, nullable=False, unique=True),
        sa.Column("format", sa.Text, nullable=False),
        sa.Column("filename", sa.Text),
        sa.Column("account", sa.Text),
        sa.Column("currency", sa.String(3)),
        sa.Column("bank_statement_id", sa.Text),
        sa.Column("period_from", sa.Date),
        sa.Column("period_to", sa.Date),
        sa.Column("opening_balance", sa.BigInteger),
        sa.Column("closing_balance", sa.BigInteger),
        sa.Column("lines_already_imported", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.Text, nullable=False),
    )
    op.create_table(
        "bank_statement_lines",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("statement_id", sa.Text, sa.ForeignKey("bank_statements.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("line_key", sa.Text, nullable=False, unique=True),
        sa.Column("booking_date", sa.Date, nullable=False),
        sa.Column("value_date", sa.Date),
        sa.Column("direction", sa.Text, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("reference", sa.Text),
        sa.Column("remittance", sa.Text),
        sa.Column("bank_reference", sa.Text),
        sa.Column("counterparty_name", sa.Text),
        sa.Column("counterparty_iban_hash", sa.Text),
        sa.Column("counterparty_iban_masked", sa.Text),
        sa.CheckConstraint("amount > 0", name="bank_line_amount_positive"),
        sa.CheckConstraint("direction IN ('credit', 'debit')", name="bank_line_direction"),
    )
    op.create_index(
        "bank_statement_lines_by_statement", "bank_statement_lines", ["statement_id", "position"]
    )


def _reconciliations() -> None:
    op.create_table(
        "reconciliations",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("statement_id", sa.Text, sa.ForeignKey("bank_statements.id"), nullable=False),
        sa.Column("date_window_days", sa.Integer, nullable=False),
        sa.Column("create_payments", sa.Boolean, nullable=False),
        sa.Column("reconciled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reconciled_by", sa.Text, nullable=False),
    )
    op.create_index("reconciliations_by_statement", "reconciliations", ["statement_id", "id"])
    op.create_table(
        "reconciliation_lines",
        sa.Column(
            "reconciliation_id", sa.Text, sa.ForeignKey("reconciliations.id"), primary_key=True
        ),
        sa.Column("line_id", sa.Text, sa.ForeignKey("bank_statement_lines.id"), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("payment_id", sa.Text, sa.ForeignKey("payments.id")),
        sa.Column("refund_id", sa.Text),
        sa.Column("recorded_amount", sa.BigInteger),
        sa.Column("customer_id", sa.Text),
        sa.Column("invoice_id", sa.Text),
        sa.Column("payment_reference", sa.Text),
        sa.Column("note", sa.Text),
        sa.CheckConstraint(
            "outcome IN (" + ", ".join(f"'{o}'" for o in OUTCOMES) + ")",
            name="reconciliation_line_outcome",
        ),
    )
    op.create_table(
        "bank_line_matches",
        sa.Column("line_id", sa.Text, sa.ForeignKey("bank_statement_lines.id"), primary_key=True),
        sa.Column("payment_id", sa.Text, sa.ForeignKey("payments.id"), unique=True),
        sa.Column("refund_id", sa.Text, unique=True),
        sa.Column(
            "reconciliation_id", sa.Text, sa.ForeignKey("reconciliations.id"), nullable=False
        ),
        sa.CheckConstraint(
            "(payment_id IS NULL) <> (refund_id IS NULL)", name="bank_line_match_one_movement"
        ),
    )
    op.create_table(
        "customer_bank_accounts",
        sa.Column("iban_hash", sa.Text, primary_key=True),
        sa.Column(
            "customer_id",
            sa.Text,
            sa.ForeignKey("customer_accounts.customer_id"),
            primary_key=True,
        ),
        sa.Column("iban_masked", sa.Text, nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
    )


def upgrade() -> None:
    _statements()
    _reconciliations()
    op.create_index("payments_by_received_on", "payments", ["received_on"])


def downgrade() -> None:
    op.drop_index("payments_by_received_on", "payments")
    for table in (
        "customer_bank_accounts",
        "bank_line_matches",
        "reconciliation_lines",
        "reconciliations",
        "bank_statement_lines",
        "bank_statements",
    ):
        op.drop_table(table)
