"""A customer's payment behaviour, as of a business date, from what the ledger and
collections told credit control.

1. Days beyond terms of a paid invoice: max(0, paid_on - due_date). Over a window (the 365
   days up to and including the date; 90 for drift) the average is weighted by the invoice
   totals of the invoices paid in it: sum(total * days) / sum(total). No invoice paid in the
   window: unknown.
2. Share paid late: invoices paid after their due date / invoices paid, in percent, same window.
3. Longest days past due now: the oldest due date among invoices still owed and past due.
4. Returned payments (bounced or returned, not entered in error), write-offs and broken
   promises are counted over the 365 days; open disputes are those opened by the date and
   not resolved by it.
5. Sales over the last 12 months: the totals of invoices issued in the 365 days.

Opening balances brought in at the cut-over are owed like any invoice (3 counts them), but
they are no sale of the cut-over day, and their dates say nothing of how the customer pays:
1, 2 and 5 leave them out.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

YEAR, QUARTER = 365, 90


class FactKind(StrEnum):
    RETURNED_PAYMENT = "returned_payment"
    WRITE_OFF = "write_off"
    BROKEN_PROMISE = "broken_promise"
    DISPUTE = "dispute"


@dataclass(frozen=True)
class InvoiceRecord:
    invoice_id: str
    total: int
    open_amount: int
    issue_date: date | None
    due_date: date | None
    paid_on: date | None
    opening: bool = False


@dataclass(frozen=True)
class BehaviourFact:
    id: str
    kind: FactKind
    amount: int
    occurred_on: date
    invoice_ids: tuple[str, ...] = ()
    resolved_on: date | None = None


@dataclass(frozen=True)
class Behaviour:
    days_beyond_terms: Decimal | None
    days_beyond_terms_90d: Decimal | None
    late_share: Decimal | None
    longest_days_past_due: int
    returned_payments: int
    write_offs: int
    broken_promises: int
    open_disputes: int
    sales_12m: int


def _within(day: date | None, as_of: date, days: int) -> bool:
    return day is not None and as_of - timedelta(days=days) < day <= as_of


def _beyond(i: InvoiceRecord) -> int:
    assert i.paid_on is not None
    assert i.due_date is not None
    return max(0, (i.paid_on - i.due_date).days)


def average_days_beyond_terms(
    invoices: Iterable[InvoiceRecord], as_of: date, days: int
) -> Decimal | None:
    paid = [
        i
        for i in invoices
        if i.due_date and _within(i.paid_on, as_of, days) and i.total > 0 and not i.opening
    ]
    weight = sum(i.total for i in paid)
    if not weight:
        return None
    return Decimal(sum(i.total * _beyond(i) for i in paid)) / Decimal(weight)


def behaviour_of(
    invoices: list[InvoiceRecord], facts: list[BehaviourFact], as_of: date
) -> Behaviour:
    paid = [i for i in invoices if i.due_date and _within(i.paid_on, as_of, YEAR) and not i.opening]
    late = [i for i in paid if _beyond(i) > 0]
    past_due = [
        (as_of - i.due_date).days
        for i in invoices
        if i.open_amount > 0 and i.due_date and i.due_date < as_of
    ]

    def counted(kind: FactKind) -> int:
        return sum(1 for f in facts if f.kind is kind and _within(f.occurred_on, as_of, YEAR))

    return Behaviour(
        days_beyond_terms=average_days_beyond_terms(invoices, as_of, YEAR),
        days_beyond_terms_90d=average_days_beyond_terms(invoices, as_of, QUARTER),
        late_share=Decimal(len(late) * 100) / Decimal(len(paid)) if paid else None,
        longest_days_past_due=max(past_due, default=0),
        returned_payments=counted(FactKind.RETURNED_PAYMENT),
        write_offs=counted(FactKind.WRITE_OFF),
        broken_promises=counted(FactKind.BROKEN_PROMISE),
        open_disputes=sum(
            1
            for f in facts
            if f.kind is FactKind.DISPUTE
            and f.occurred_on <= as_of
            and (f.resolved_on is None or f.resolved_on > as_of)
        ),
        sales_12m=sum(
            i.total for i in invoices if _within(i.issue_date, as_of, YEAR) and not i.opening
        ),
    )
