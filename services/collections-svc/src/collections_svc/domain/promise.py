"""Promises to pay (issue 11, item 5).

1. The covered invoices (all the customer's when none are named) are held while the promise is
   open, through promised_on + grace days inclusive.
2. Payments allocated to them (or to any of the customer's invoices, if none are named) dated
   from made_on to that last day count towards it; reaching the amount keeps it.
3. The first run dated after the last day breaks a promise still open; its invoices resume
   dunning in that same run.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from ledgerflow_platform.errors import DomainError


class PromiseStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"


class PromiseInThePast(DomainError):
    def __init__(self, promised_on: date, made_on: date) -> None:
        super().__init__(
            f"A promise made on {made_on} cannot be to pay by {promised_on}.", field="promised_on"
        )


class PromiseNotFound(DomainError):
    def __init__(self, promise_id: str) -> None:
        super().__init__(f"No promise to pay with id {promise_id}.")


class InvoicesNotOfCustomer(DomainError):
    def __init__(self, invoice_ids: list[str]) -> None:
        super().__init__(
            f"Not open invoices of this case's customer: {', '.join(invoice_ids)}.",
            field="invoice_ids",
        )


class CaseNotOpen(DomainError):
    def __init__(self, case_id: str) -> None:
        super().__init__(f"Collection case {case_id} is closed.")


@dataclass(frozen=True)
class Promise:
    id: str
    case_id: str
    customer_id: str
    currency: str
    amount: int
    made_on: date
    promised_on: date
    grace_days: int
    invoice_ids: tuple[str, ...]
    status: PromiseStatus = PromiseStatus.OPEN
    paid: int = 0
    kept_on: date | None = None
    broken_on: date | None = None

    @property
    def last_day(self) -> date:
        return self.promised_on + timedelta(days=self.grace_days)

    def holds_on(self, day: date) -> bool:
        return self.status is PromiseStatus.OPEN and day <= self.last_day

    def covers(self, invoice_id: str) -> bool:
        return not self.invoice_ids or invoice_id in self.invoice_ids

    def count_payment(self, allocated: Mapping[str, int], on: date) -> "Promise":
        """The promise once these allocations (invoice → amount) dated `on` are counted."""
        if self.status is not PromiseStatus.OPEN or not self.made_on <= on <= self.last_day:
            return self
        paid = self.paid + sum(a for i, a in allocated.items() if self.covers(i))
        if paid >= self.amount:
            return replace(self, paid=paid, status=PromiseStatus.KEPT, kept_on=on)
        return replace(self, paid=paid)

    def judge(self, as_of: date) -> "Promise":
        """Broken when a run dated after its last day finds it still open."""
        if self.status is PromiseStatus.OPEN and as_of > self.last_day:
            return replace(self, status=PromiseStatus.BROKEN, broken_on=as_of)
        return self


def make_promise(
    promise_id: str,
    case_id: str,
    customer_id: str,
    *,
    currency: str,
    amount: int,
    made_on: date,
    promised_on: date,
    grace_days: int,
    invoice_ids: tuple[str, ...],
) -> Promise:
    if promised_on < made_on:
        raise PromiseInThePast(promised_on, made_on)
    return Promise(
        promise_id,
        case_id,
        customer_id,
        currency,
        amount,
        made_on,
        promised_on,
        grace_days,
        invoice_ids,
    )
