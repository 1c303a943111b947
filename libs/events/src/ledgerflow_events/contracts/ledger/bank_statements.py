"""Bank reconciliation facts published by ledger-svc on ledger.events.

A reconciliation concerns a bank statement, not one customer: its events travel on one fixed
stream, `customer_id` = RECONCILIATION_STREAM, so reconciliations are ordered among themselves.
They carry no bank account numbers or payer names (personal data); only ids and amounts.
"""

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData

RECONCILIATION_STREAM = "ledger-bank-reconciliation"


class ReconciliationCounts(BaseModel):
    """How many statement lines ended in each outcome."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    matched: int = Field(description="Lines matched to a recorded payment or refund")
    proposed: int = Field(description="Lines whose payment is proposed for someone to record")
    created: int = Field(description="Lines recorded as new payments by this run")
    duplicates: int = Field(description="Lines that duplicate a recorded movement")
    amount_mismatches: int = Field(
        description="Lines that disagree with a recorded movement's amount"
    )
    unmatched: int = Field(description="Lines nothing could be matched to")
    not_applicable: int = Field(description="Lines that are not customer money (fees, transfers)")


class LedgerMovement(BaseModel):
    """A payment (money in) or refund (money out) the ledger recorded."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    # payment | refund
    kind: str = Field(description="payment (money in) or refund (money out)")
    id: str = Field(description="The payment's or refund's id in the ledger")
    amount: Amount = Field(description="The recorded amount")


class StatementDiscrepancy(BaseModel):
    """A statement line someone has to look at, and the movement or customer it points to."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    line_id: str = Field(description="The statement line's id")
    # duplicate | amount_mismatch | proposed | unmatched
    outcome: str = Field(description="duplicate, amount_mismatch, proposed or unmatched")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    # The line's amount; money in, except for a duplicate or mismatch of a refund.
    amount: Amount = Field(description="The line's amount")
    # duplicate, amount_mismatch: what the line duplicates or disagrees with.
    recorded: LedgerMovement | None = Field(
        default=None, description="The recorded movement the line duplicates or disagrees with"
    )
    # proposed: whose payment (of the line's amount) to record; otherwise the customer, if known.
    customer_id: str | None = Field(
        default=None,
        description="Whose payment to record (proposed), else the customer it points to, if known",
    )
    invoice_id: str | None = Field(
        default=None, description="The invoice the line points to, if known"
    )


class StatementReconciled(EventData):
    """A bank statement was reconciled with recorded payments; reporting tracks what is still
    unexplained, collections follows up money received but not yet recorded."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "statement_reconciled"

    reconciliation_id: str = Field(description="The reconciliation run's id")
    statement_id: str = Field(description="The bank statement's id in the ledger")
    period_from: date | None = Field(
        default=None, description="The first business date the statement covers, if stated"
    )
    period_to: date | None = Field(
        default=None, description="The last business date the statement covers, if stated"
    )
    counts: ReconciliationCounts = Field(description="How many lines ended in each outcome")
    discrepancies: list[StatementDiscrepancy] = Field(
        description="The lines someone has to look at"
    )
    # Payments this run recorded from statement lines; each has its own payment_received.
    created_payment_ids: list[str] = Field(
        description="Payments this run recorded from lines; each has its own payment_received"
    )
