"""Cash application: a payment settles the oldest debts first, and what is left is credit.

An invoice paid inside its early-payment window is settled by the cash its terms ask for
then (the open amount less the discount); the discount closes the remainder. A payer who
sends more than that for the invoice keeps the discount only for what their cash left open.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class OpenItem:
    """An invoice still owed, as cash application sees it on the payment's date."""

    invoice_id: str
    number: str
    issue_date: date
    due_date: date
    open_amount: int
    # What the invoice's terms take off if it is settled on the payment's date; 0 if none.
    early_discount: int = 0

    @property
    def seniority(self) -> tuple[date, date, str]:
        """Oldest due date first; ties broken by issue date, then invoice number."""
        return (self.due_date, self.issue_date, self.number)

    @property
    def discount_on_settling(self) -> int:
        """The discount settling now earns. One at least as large as what is still open (left
        so by credit notes) is not given: settling always takes some cash."""
        return self.early_discount if 0 < self.early_discount < self.open_amount else 0

    @property
    def cash_to_settle(self) -> int:
        return self.open_amount - self.discount_on_settling


@dataclass(frozen=True)
class Allocation:
    """The part of a payment applied to one invoice, the discount that closed it (if any),
    and what the invoice still owes after both."""

    invoice_id: str
    amount: int
    open_amount_after: int
    discount: int = 0

    @property
    def closes_invoice(self) -> bool:
        return self.open_amount_after == 0

    @property
    def settled(self) -> int:
        """How much less the invoice owes: the cash and the discount."""
        return self.amount + self.discount


@dataclass(frozen=True)
class CashApplication:
    """How one payment was spread over a customer's open invoices."""

    allocations: tuple[Allocation, ...]
    unapplied: int

    @property
    def applied(self) -> int:
        return sum(a.amount for a in self.allocations)


def settle(item: OpenItem, cash: int) -> Allocation:
    """Apply `cash` (0 < cash <= open) to one item; cash that reaches what settles it inside
    the discount window gets the discount for the rest."""
    if not 0 < cash <= item.open_amount:
        raise ValueError(f"cannot apply {cash} to an invoice with {item.open_amount} open")
    discount = 0
    if item.discount_on_settling and cash >= item.cash_to_settle:
        discount = item.open_amount - cash
    return Allocation(item.invoice_id, cash, item.open_amount - cash - discount, discount)


def allocate(amount: int, open_items: Iterable[OpenItem]) -> CashApplication:
    """Apply `amount` (minor units, >= 0) to the oldest open items; the surplus stays unapplied."""
    return allocate_in_order(amount, sorted(open_items, key=lambda i: i.seniority))


def allocate_in_order(amount: int, items: Iterable[OpenItem]) -> CashApplication:
    """Apply `amount` to `items` in the order given, each up to what settles it."""
    if amount < 0:
        raise ValueError(f"a payment cannot allocate a negative amount ({amount})")
    remaining = amount
    allocations: list[Allocation] = []
    for item in items:
        if remaining == 0:
            break
        if item.open_amount <= 0:
            continue
        allocation = settle(item, min(remaining, item.cash_to_settle))
        allocations.append(allocation)
        remaining -= allocation.amount
    return CashApplication(tuple(allocations), remaining)
