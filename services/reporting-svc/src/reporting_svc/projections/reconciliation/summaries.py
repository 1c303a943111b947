"""Bank reconciliation summaries: what each run explained, and what it left to look at.

Pure shapes and rules, no I/O.
"""

from dataclasses import dataclass
from datetime import date

from ledgerflow_platform.errors import DomainError


class InvalidPeriod(DomainError):
    """A report period that ends before it starts."""


@dataclass(frozen=True)
class LineCounts:
    """How many statement lines ended in each outcome."""

    matched: int
    proposed: int
    created: int
    duplicates: int
    amount_mismatches: int
    unmatched: int
    not_applicable: int


@dataclass(frozen=True)
class Discrepancy:
    """A statement line to look at, with its amount in minor units of its currency."""

    line_id: str
    outcome: str
    currency: str
    amount: int
    customer_id: str | None
    invoice_id: str | None


@dataclass(frozen=True)
class Reconciliation:
    """A reconciled bank statement as reporting records it."""

    reconciliation_id: str
    statement_id: str
    statement_date: date
    period_from: date | None
    period_to: date | None
    counts: LineCounts
    created_payments: int
    discrepancies: tuple[Discrepancy, ...]


@dataclass(frozen=True)
class DiscrepancyTotal:
    """The lines left to explain in one currency, and what they add up to."""

    currency: str
    lines: int
    amount: int


@dataclass(frozen=True)
class ReconciliationSummary:
    """One reconciliation with its unexplained lines totalled per currency."""

    reconciliation: Reconciliation
    discrepancies: tuple[DiscrepancyTotal, ...]


def check_period(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise InvalidPeriod(f"The period ends ({end}) before it starts ({start}).", field="to")
