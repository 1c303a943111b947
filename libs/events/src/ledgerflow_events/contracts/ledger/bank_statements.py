"""Bank reconciliation facts published by ledger-svc on ledger.events.

A reconciliation concerns a bank statement, not one customer: its events travel on one fixed
stream, `customer_id` = RECONCILIATION_STREAM, so reconciliations are ordered among themselves.
They carry no bank account numbers or payer names (personal data); only ids and amounts.
"""

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData

RECONCILIATION_STREAM = "ledger-bank-reconciliation"


class ReconciliationCounts(BaseModel):
    """How many statement lines ended in each outcome."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    matched: int
    proposed: int
    created: int
    duplicates: int
    amount_mismatches: int
    unmatched: int
    not_applicable: int


class LedgerMovement(BaseModel):
    """A payment (money in) or refund (money out) the ledger recorded."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    # payment | refund
    kind: str
    id: str
    amount: Amount


class StatementDiscrepancy(BaseModel):
    """A statement line someone has to look at, and the movement or customer it points to."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    line_id: str
    # duplicate | amount_mismatch | proposed | unmatched
    outcome: str
    currency: CurrencyCode
    # The line's amount; money in, except for a duplicate or mismatch of a refund.
    amount: Amount
    # duplicate, amount_mismatch: what the line duplicates or disagrees with.
    recorded: LedgerMovement | None = None
    # proposed: whose payment (of the line's amount) to record; otherwise the customer, if known.
    customer_id: str | None = None
    invoice_id: str | None = None


class StatementReconciled(EventData):
    """A bank statement was reconciled with recorded payments; reporting tracks what is still
    unexplained, collections follows up money received but not yet recorded."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "statement_reconciled"

    reconciliation_id: str
    statement_id: str
    period_from: date | None = None
    period_to: date | None = None
    counts: ReconciliationCounts
    discrepancies: list[StatementDiscrepancy]
    # Payments this run recorded from statement lines; each has its own payment_received.
    created_payment_ids: list[str]
