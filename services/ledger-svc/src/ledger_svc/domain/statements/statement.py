"""A statement of account: what a customer owed at the start of a period, every movement of
their account in it, what they owe at its end, and how old the open items are.

The balance is the customer's receivable less the credit we hold for them, both read from the
journal, so a positive balance is what the customer owes us and a negative one what we owe
them. Each movement is one journal entry, shown with the debits and credits it posted to the
customer's receivable and customer-credit accounts; any kind of document that posts there
(invoices, payments, voids, credit notes, refunds, write-offs, late fees...) appears by itself.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from ledger_svc.domain.invoicing.terms import Instalment
from ledgerflow_platform.errors import DomainError


class InvalidStatementPeriod(DomainError):
    """A statement period that ends before it starts."""


class AgingBucket(StrEnum):
    """How long an open amount has been past its due date at the statement's end date."""

    CURRENT = "current"
    DAYS_1_30 = "days_1_30"
    DAYS_31_60 = "days_31_60"
    DAYS_61_90 = "days_61_90"
    OVER_90 = "over_90"


def bucket_for(days_past_due: int) -> AgingBucket:
    if days_past_due <= 0:
        return AgingBucket.CURRENT
    if days_past_due <= 30:
        return AgingBucket.DAYS_1_30
    if days_past_due <= 60:
        return AgingBucket.DAYS_31_60
    if days_past_due <= 90:
        return AgingBucket.DAYS_61_90
    return AgingBucket.OVER_90


@dataclass(frozen=True)
class Movement:
    """One journal entry as it moved the customer's account, and the balance after it."""

    entry_id: str
    business_date: date
    source_type: str
    source_id: str
    memo: str
    reference: str | None
    invoice_numbers: tuple[str, ...]
    reversal: bool
    debit: int
    credit: int
    balance: int = 0


@dataclass(frozen=True)
class OpenItemAtDate:
    """An invoice's receivable as the journal had it on a date, with its instalment schedule.

    An item the journal carries without an invoice (no schedule) is aged as current: nothing
    says when it fell due."""

    invoice_id: str | None
    number: str | None
    open_amount: int
    schedule: tuple[Instalment, ...]


def unpaid_parts(item: OpenItemAtDate) -> list[tuple[date | None, int]]:
    """(due date, amount) of what is still open of each instalment. Reductions settle the
    earliest instalments first, so the open amount is the tail of the schedule; an excess over
    the schedule stays on the last instalment; an item without a schedule has no due date."""
    if not item.schedule or item.open_amount <= 0:
        return [(None, item.open_amount)] if item.open_amount else []
    scheduled = sum(i.amount for i in item.schedule)
    settled = max(scheduled - item.open_amount, 0)
    excess = max(item.open_amount - scheduled, 0)
    parts: list[tuple[date | None, int]] = []
    for n, instalment in enumerate(item.schedule):
        taken = min(settled, instalment.amount)
        settled -= taken
        left = instalment.amount - taken + (excess if n == len(item.schedule) - 1 else 0)
        if left:
            parts.append((instalment.due_date, left))
    return parts


@dataclass(frozen=True)
class Aging:
    """The open receivable at a date by how late it is, and the credit held against it."""

    as_of: date
    buckets: dict[AgingBucket, int]
    customer_credit: int

    @property
    def open_items(self) -> int:
        return sum(self.buckets.values())

    @property
    def balance(self) -> int:
        return self.open_items - self.customer_credit


def age(items: Sequence[OpenItemAtDate], customer_credit: int, *, as_of: date) -> Aging:
    buckets = dict.fromkeys(AgingBucket, 0)
    for item in items:
        for due_date, amount in unpaid_parts(item):
            days = 0 if due_date is None else (as_of - due_date).days
            buckets[bucket_for(days)] += amount
    return Aging(as_of, buckets, customer_credit)


@dataclass(frozen=True)
class Statement:
    """A customer's statement of account for a period, to the cent: opening + debits - credits
    = closing = aging balance at the period's end."""

    customer_id: str
    currency: str
    date_from: date
    date_to: date
    opening_balance: int
    movements: tuple[Movement, ...]
    aging: Aging

    @property
    def opening_as_of(self) -> date:
        """The opening balance is the close of business the day before the period."""
        return self.date_from - timedelta(days=1)

    @property
    def total_debits(self) -> int:
        return sum(m.debit for m in self.movements)

    @property
    def total_credits(self) -> int:
        return sum(m.credit for m in self.movements)

    @property
    def closing_balance(self) -> int:
        return self.opening_balance + self.total_debits - self.total_credits


def check_period(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise InvalidStatementPeriod(
            f"The period ends ({date_to}) before it starts ({date_from}).", field="to"
        )


def with_running_balance(opening: int, movements: Sequence[Movement]) -> tuple[Movement, ...]:
    """The movements, each carrying the balance after it."""
    balance = opening
    ran: list[Movement] = []
    for movement in movements:
        balance += movement.debit - movement.credit
        ran.append(replace(movement, balance=balance))
    return tuple(ran)
