"""Cash application: a payment settles the oldest debts first, and what is left is credit."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class OpenItem:
    """An invoice still owed, as cash application sees it."""

    invoice_id: str
    number: str
    issue_date: date
    due_date: date
    open_amount: int

    @property
    def seniority(self) -> tuple[date, date, str]:
        """Oldest due date first; ties broken by issue date, then invoice number."""
        return (self.due_date, self.issue_date, self.number)


@dataclass(frozen=True)
class Allocation:
    """The part of a payment applied to one invoice, and what the invoice still owes after it."""

    invoice_id: str
    amount: int
    open_amount_after: int

    @property
    def closes_invoice(self) -> bool:
        return self.open_amount_after == 0


@dataclass(frozen=True)
class CashApplication:
    """How one payment was spread over a customer's open invoices."""

    allocations: tuple[Allocation, ...]
    unapplied: int

    @property
    def applied(self) -> int:
        return sum(a.amount for a in self.allocations)


def allocate(amount: int, open_items: Iterable[OpenItem]) -> CashApplication:
    """Apply `amount` (minor units, >= 0) to the oldest open items; the surplus stays unapplied."""
    if amount < 0:
        raise ValueError(f"a payment cannot allocate a negative amount ({amount})")
    remaining = amount
    allocations: list[Allocation] = []
    for item in sorted(open_items, key=lambda i: i.seniority):
        if remaining == 0:
            break
        if item.open_amount <= 0:
            continue
        applied = min(remaining, item.open_amount)
        allocations.append(Allocation(item.invoice_id, applied, item.open_amount - applied))
        remaining -= applied
    return CashApplication(tuple(allocations), remaining)
