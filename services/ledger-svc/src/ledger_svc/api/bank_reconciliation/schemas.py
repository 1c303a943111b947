"""The HTTP contract of bank reconciliation: bank statements, their lines, reconciliation runs
and outcomes, and payers' accounts.

Amounts are decimal strings at the currency's scale; balances are signed. A payer's bank
account appears only masked (****1234)."""

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ledger_svc.domain.bank_reconciliation.bank_statement import (
    Direction,
    StatementFormat,
)
from ledger_svc.domain.bank_reconciliation.matching import MAX_DATE_WINDOW_DAYS
from ledger_svc.domain.bank_reconciliation.payer_names import MAX_PAYER_NAME
from ledger_svc.domain.bank_reconciliation.reconciliation import Outcome, Reason
from ledgerflow_platform.web.uploads import FileContent


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
    note: str | None = Field(description="Why, in words: the candidates, the difference")
    reason: Reason | None = Field(description="Why the line is not matched; null if it is")


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


class PayerAccount(BaseModel):
    """A customer's bank account. In the body, not the path: an account number is personal
    data and paths end up in access logs."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"iban": "DE89370400440532013000"}]}
    )

    iban: str = Field(min_length=1, max_length=50, description="IBAN, spaces allowed")


class BankStatementUpload(BaseModel):
    # The form of POST /v1/bank-statements, which the route reads itself (a cap on what it
    # reads), published under the name FastAPI gave it when the route declared its fields. No
    # docstring: it would become the published schema's description.
    model_config = ConfigDict(title="Body_import_statement_v1_bank_statements_post")

    file: FileContent = Field(description="The statement file as the bank sent it")
    format: StatementFormat | None = Field(
        default=None, description="Detected from the content if not given"
    )
    account: str | None = Field(
        default=None, max_length=64, description="Our account, for files that name none"
    )


Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class MatchBankLine(BaseModel):
    """Which payment a line is, or which invoices it pays (the ledger then records the
    payment, dated on the line's booking date): exactly one of the two."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"payment_id": "0193a5c2-7d4e-7b1a-9f3e-2c1d0e9f8a7b"},
                {"invoice_ids": ["0193a5c2-7d4e-7b1a-9f3e-2c1d0e9f8a70"]},
            ]
        },
    )

    payment_id: Id | None = None
    invoice_ids: list[Id] | None = Field(default=None, min_length=1, max_length=50)

    @model_validator(mode="after")
    def _one_of(self) -> "MatchBankLine":
        if (self.payment_id is None) == (self.invoice_ids is None):
            raise ValueError("send exactly one of payment_id and invoice_ids")
        return self


class ManualMatchOut(BaseModel):
    """A line matched by hand: to which payment, whose, by whom and when."""

    statement_id: str
    line_id: str
    position: int
    payment_id: str
    customer_id: str
    payment_created: bool = Field(description="True when the match recorded the payment")
    matched_by: str = Field(description="The token subject of who matched it")
    matched_at: datetime


class PayerAlias(BaseModel):
    """A name a customer pays under besides its legal name."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "华东贸易"}]}
    )

    name: str = Field(min_length=1, max_length=MAX_PAYER_NAME)


class PayerAliasesOut(BaseModel):
    """The aliases a customer pays under (its legal name comes from customer-svc)."""

    customer_id: str
    aliases: list[str]


class StatementStandingOut(BaseModel):
    """Where a statement stands: reconciled, or each line left open explained (a period with
    it may close), or not."""

    statement_id: str
    lines: int
    reconciled: int = Field(description="Lines matched (by a run or by hand) or not ours")
    fully_reconciled: bool
    explained: bool = Field(description="Every line reconciled or saying why it is not")
    unexplained_positions: list[int] = Field(
        description="Lines never reconciled, or open without a reason"
    )
