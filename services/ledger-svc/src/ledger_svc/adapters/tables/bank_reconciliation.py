"""Bank reconciliation's tables: imported statements and their lines, reconciliation runs and
each line's outcome, the line a payment was matched to, and payers' account fingerprints.

No bank account number of a payer is stored: only its fingerprint and a mask (****1234).
"""

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, String
from sqlmodel import Field, col

from ledger_svc.adapters.tables.base import Table
from ledger_svc.adapters.tables.payments import PaymentRow

OUTCOMES = (
    "matched",
    "duplicate",
    "amount_mismatch",
    "proposed",
    "created",
    "unmatched",
    "not_applicable",
)


class BankStatementRow(Table, table=True):
    """An imported statement file, known by the hash of its bytes."""

    __tablename__ = "bank_statements"

    id: str = Field(primary_key=True)
    file_sha256: str = Field(unique=True)
    format: str
    filename: str | None = None
    account: str | None = None
    currency: str | None = Field(default=None, sa_type=String(3))
    bank_statement_id: str | None = None
    period_from: date | None = None
    period_to: date | None = None
    opening_balance: int | None = Field(default=None, sa_type=BigInteger)
    closing_balance: int | None = Field(default=None, sa_type=BigInteger)
    lines_already_imported: int
    imported_at: datetime = Field(sa_type=DateTime(timezone=True))
    imported_by: str


class BankStatementLineRow(Table, table=True):
    """A booked movement on our account, unique by its natural key across all statements."""

    __tablename__ = "bank_statement_lines"
    __table_args__ = (
        CheckConstraint("amount > 0", name="bank_line_amount_positive"),
        CheckConstraint("direction IN ('credit', 'debit')", name="bank_line_direction"),
        Index("bank_statement_lines_by_statement", "statement_id", "position"),
    )

    id: str = Field(primary_key=True)
    statement_id: str = Field(foreign_key="bank_statements.id")
    position: int
    line_key: str = Field(unique=True)
    booking_date: date
    value_date: date | None = None
    direction: str
    amount: int = Field(sa_type=BigInteger)
    currency: str = Field(sa_type=String(3))
    reference: str | None = None
    remittance: str | None = None
    bank_reference: str | None = None
    counterparty_name: str | None = None
    counterparty_iban_hash: str | None = None
    counterparty_iban_masked: str | None = None


class ReconciliationRow(Table, table=True):
    """One run of matching a statement against the recorded payments."""

    __tablename__ = "reconciliations"
    __table_args__ = (Index("reconciliations_by_statement", "statement_id", "id"),)

    id: str = Field(primary_key=True)
    statement_id: str = Field(foreign_key="bank_statements.id")
    date_window_days: int
    create_payments: bool
    reconciled_at: datetime = Field(sa_type=DateTime(timezone=True))
    reconciled_by: str


class ReconciliationLineRow(Table, table=True):
    """What one run concluded about one statement line."""

    __tablename__ = "reconciliation_lines"
    __table_args__ = (
        CheckConstraint(
            "outcome IN (" + ", ".join(f"'{o}'" for o in OUTCOMES) + ")",
            name="reconciliation_line_outcome",
        ),
    )

    reconciliation_id: str = Field(foreign_key="reconciliations.id", primary_key=True)
    line_id: str = Field(foreign_key="bank_statement_lines.id", primary_key=True)
    position: int
    outcome: str
    payment_id: str | None = Field(default=None, foreign_key="payments.id")
    # No foreign key: refunds live on another migration branch of this service.
    refund_id: str | None = None
    recorded_amount: int | None = Field(default=None, sa_type=BigInteger)
    customer_id: str | None = None
    invoice_id: str | None = None
    payment_reference: str | None = None
    note: str | None = None
    reason: str | None = None


class BankLineMatchRow(Table, table=True):
    """The statement line a payment (or refund) was matched to: one line each; a second line
    for the same payment is a duplicate. Matched by a reconciliation run, or by hand by a
    user (matched_by, matched_at)."""

    __tablename__ = "bank_line_matches"
    __table_args__ = (
        CheckConstraint(
            "(payment_id IS NULL) <> (refund_id IS NULL)", name="bank_line_match_one_movement"
        ),
        CheckConstraint(
            "(reconciliation_id IS NULL) <> (matched_by IS NULL)",
            name="bank_line_match_by_run_or_hand",
        ),
    )

    line_id: str = Field(foreign_key="bank_statement_lines.id", primary_key=True)
    payment_id: str | None = Field(default=None, foreign_key="payments.id", unique=True)
    refund_id: str | None = Field(default=None, unique=True)
    reconciliation_id: str | None = Field(default=None, foreign_key="reconciliations.id")
    matched_by: str | None = None
    matched_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class CustomerBankAccountRow(Table, table=True):
    """A payer's account fingerprint registered for a customer (fed by customer-svc)."""

    __tablename__ = "customer_bank_accounts"

    iban_hash: str = Field(primary_key=True)
    customer_id: str = Field(foreign_key="customer_accounts.customer_id", primary_key=True)
    iban_masked: str
    registered_at: datetime = Field(sa_type=DateTime(timezone=True))


class CustomerPayerNameRow(Table, table=True):
    """A name a customer pays under: its legal name (from customer-svc) or an alias, kept in
    the normal form names are compared in (domain/bank_reconciliation/payer_names.py)."""

    __tablename__ = "customer_payer_names"
    __table_args__ = (
        CheckConstraint("kind IN ('legal', 'alias')", name="payer_name_kind"),
        Index("customer_payer_names_by_key", "name_key"),
    )

    customer_id: str = Field(foreign_key="customer_accounts.customer_id", primary_key=True)
    name_key: str = Field(primary_key=True)
    kind: str
    name: str


# Reconciliation reads the payments received around a statement's dates, across customers.
payments_by_received_on = Index("payments_by_received_on", col(PaymentRow.received_on))
