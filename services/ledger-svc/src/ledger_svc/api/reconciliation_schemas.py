"""The HTTP contract of bank reconciliation: statements, their lines, runs and outcomes.

Amounts are decimal strings at the currency's scale; balances are signed. A payer's bank
account appears only masked (****1234).
"""

from dataclasses import asdict
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankLine,
    BankStatement,
    Direction,
    StatementFormat,
)
from ledger_svc.domain.bank_reconciliation.matching import MAX_DATE_WINDOW_DAYS
from ledger_svc.domain.bank_reconciliation.reconciliation import Outcome, Reconciliation


def _money(minor: int | None, currency: str | None) -> str | None:
    return None if minor is None or currency is None else format_amount(minor, currency)


class BankLineOut(BaseModel):
    """A booked movement on our bank account, as the statement gave it."""

    id: str
    position: int = Field(description="Its place in the file, from 0")
    booking_date: date
    value_date: date | None
    direction: Direction = Field(description="credit: money in; debit: money out")
    amount: str = Field(description="Always positive; the direction gives the sign")
    currency: str
    reference: str | None = Field(description="The payer's reference (end-to-end id)")
    remittance: str | None = Field(description="What the payer wrote: invoice numbers, text")
    bank_reference: str | None = Field(description="The bank's own id for the line")
    counterparty_name: str | None
    counterparty_account: str | None = Field(description="The payer's account, masked")


class BankStatementOut(BaseModel):
    """An imported statement file and the lines it added (lines imported before are not
    repeated: lines_already_imported counts them)."""

    id: str
    format: StatementFormat
    filename: str | None
    file_sha256: str
    account: str | None = Field(description="Our bank account the statement is of")
    currency: str | None
    bank_statement_id: str | None = Field(description="The bank's id for the statement")
    period_from: date | None
    period_to: date | None
    opening_balance: str | None
    closing_balance: str | None
    imported_at: datetime
    lines_already_imported: int
    lines: list[BankLineOut]


class BankStatementSummaryOut(BaseModel):
    """An imported statement in a list: without its lines, with how many it added."""

    id: str
    format: StatementFormat
    filename: str | None
    account: str | None
    currency: str | None
    period_from: date | None
    period_to: date | None
    imported_at: datetime
    line_count: int
    lines_already_imported: int


class BankStatementPage(BaseModel):
    """One page of imported statements, oldest first."""

    items: list[BankStatementSummaryOut]
    next_cursor: str | None


class ReconcileStatement(BaseModel):
    """How to reconcile a statement: the date window, and whether to record what it proves."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"date_window_days": 3, "create_payments": False}]},
    )

    date_window_days: int = Field(
        default=3,
        ge=0,
        le=MAX_DATE_WINDOW_DAYS,
        description="A payment matches a line booked up to this many days before or after it",
    )
    create_payments: bool = Field(
        default=False,
        description="Record the proposed payments (each once, however often this runs)",
    )


class ReconciliationSummaryOut(BaseModel):
    """How many lines ended in each outcome."""

    matched: int
    proposed: int
    created: int
    duplicates: int
    amount_mismatches: int
    unmatched: int
    not_applicable: int


class ReconciledLineOut(BaseModel):
    """One statement line and what reconciliation concluded about it."""

    line_id: str
    position: int
    booking_date: date
    direction: Direction
    amount: str
    currency: str
    reference: str | None
    remittance: str | None
    counterparty_name: str | None
    outcome: Outcome
    payment_id: str | None = Field(description="matched, created, duplicate, amount_mismatch")
    refund_id: str | None = Field(description="For money out: the refund it was matched to")
    recorded_amount: str | None = Field(
        description="The recorded payment's or refund's amount; for proposed, the one to record"
    )
    customer_id: str | None
    invoice_id: str | None = Field(description="The invoice its text names, if any")
    payment_reference: str | None = Field(description="proposed, created: the reference")
    note: str | None


class ReconciliationOut(BaseModel):
    """A reconciliation run: its settings, its summary and every line's outcome."""

    id: str
    statement_id: str
    date_window_days: int
    create_payments: bool
    reconciled_at: datetime
    reconciled_by: str
    summary: ReconciliationSummaryOut
    lines: list[ReconciledLineOut]


class CustomerBankAccountOut(BaseModel):
    """A payer account registered for a customer; the ledger keeps only its fingerprint."""

    customer_id: str
    account: str = Field(description="Masked: ****1234")


def line_out(line: BankLine) -> BankLineOut:
    return BankLineOut(
        id=line.id,
        position=line.position,
        booking_date=line.booking_date,
        value_date=line.value_date,
        direction=line.direction,
        amount=format_amount(line.amount, line.currency),
        currency=line.currency,
        reference=line.reference,
        remittance=line.remittance,
        bank_reference=line.bank_reference,
        counterparty_name=line.counterparty_name,
        counterparty_account=line.counterparty_iban_masked,
    )


def statement_out(statement: BankStatement) -> BankStatementOut:
    currency = statement.currency
    return BankStatementOut(
        id=statement.id,
        format=statement.statement_format,
        filename=statement.filename,
        file_sha256=statement.file_sha256,
        account=statement.account,
        currency=currency,
        bank_statement_id=statement.bank_statement_id,
        period_from=statement.period_from,
        period_to=statement.period_to,
        opening_balance=_money(statement.opening_balance, currency),
        closing_balance=_money(statement.closing_balance, currency),
        imported_at=statement.imported_at,
        lines_already_imported=statement.lines_already_imported,
        lines=[line_out(line) for line in statement.lines],
    )


def reconciliation_out(run: Reconciliation, statement: BankStatement) -> ReconciliationOut:
    lines = {line.id: line for line in statement.lines}
    summary = run.summary
    return ReconciliationOut(
        id=run.id,
        statement_id=run.statement_id,
        date_window_days=run.date_window_days,
        create_payments=run.create_payments,
        reconciled_at=run.reconciled_at,
        reconciled_by=run.reconciled_by,
        summary=ReconciliationSummaryOut(**asdict(summary)),
        lines=[
            ReconciledLineOut(
                line_id=o.line_id,
                position=(line := lines[o.line_id]).position,
                booking_date=line.booking_date,
                direction=line.direction,
                amount=format_amount(line.amount, line.currency),
                currency=line.currency,
                reference=line.reference,
                remittance=line.remittance,
                counterparty_name=line.counterparty_name,
                outcome=o.outcome,
                payment_id=o.payment_id,
                refund_id=o.refund_id,
                recorded_amount=_money(o.recorded_amount, line.currency),
                customer_id=o.customer_id,
                invoice_id=o.invoice_id,
                payment_reference=o.payment_reference,
                note=o.note,
            )
            for o in run.outcomes
        ],
    )
