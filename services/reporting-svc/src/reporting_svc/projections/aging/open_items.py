"""What is open on each invoice at a date, split into the amounts that age. Pure rules, no I/O.

Receivables at D (the binding definition): an invoice issued on or before D and not voided on
or before D owes its total less payments (with earned discounts), credit notes, write-offs and
credit applications dated on or before D, never below zero. An instalment invoice ages per
instalment, the oldest instalment settled first.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class AgingBasis(StrEnum):
    """What an open amount's age counts from."""

    DUE_DATE = "due_date"
    ISSUE_DATE = "issue_date"


@dataclass(frozen=True)
class Instalment:
    due_date: date
    amount: int


@dataclass(frozen=True)
class OpenInvoice:
    """An invoice at a date: its total, what is still owed on it, and how it falls due."""

    invoice_id: str
    customer_id: str
    currency: str
    issue_date: date
    due_date: date
    total: int
    # Total less everything settled by the date; may be negative before clamping.
    owed: int
    instalments: tuple[Instalment, ...] = ()
    disputed: int = 0


@dataclass(frozen=True)
class AgedAmount:
    """An open amount and the date its age counts from."""

    since: date
    amount: int


def open_amount(invoice: OpenInvoice) -> int:
    """Never below zero: an over-settled invoice owes nothing, and owes the customer nothing."""
    return max(0, invoice.owed)


def aged_amounts(invoice: OpenInvoice, basis: AgingBasis) -> list[AgedAmount]:
    """The invoice's open amount, by the date each part ages from."""
    owed = open_amount(invoice)
    if owed == 0:
        return []
    if basis is AgingBasis.ISSUE_DATE:
        return [AgedAmount(invoice.issue_date, owed)]
    parts = _instalments(invoice)
    # What was settled pays the oldest instalments first; what is left of each still owes.
    settled = invoice.total - owed
    aged: list[AgedAmount] = []
    for part in parts:
        paid = min(settled, part.amount)
        settled -= paid
        if part.amount > paid:
            aged.append(AgedAmount(part.due_date, part.amount - paid))
    return aged


def _instalments(invoice: OpenInvoice) -> Sequence[Instalment]:
    # Instalments that do not add up to the total cannot be trusted: it falls due whole.
    if invoice.instalments and sum(i.amount for i in invoice.instalments) == invoice.total:
        return sorted(invoice.instalments, key=lambda i: i.due_date)
    return [Instalment(invoice.due_date, invoice.total)]
