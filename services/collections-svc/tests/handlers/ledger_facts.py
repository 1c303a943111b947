"""The ledger's facts as these handler tests deliver them: one EUR invoice, due end of October."""

from collections.abc import Awaitable, Callable, Sequence
from datetime import date

from uuid6 import uuid7

from collections_svc.domain.case import CaseStatus, CollectionCase
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.ledger import InvoiceIssued, InvoiceOverdue
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery

CasesOf = Callable[[str], Awaitable[list[CollectionCase]]]
OPEN, CLOSED = CaseStatus.OPEN, CaseStatus.CLOSED
NOV_1 = date(2026, 11, 1)


def new_id() -> str:
    return str(uuid7())


def issued(customer: str, invoice: str, total: str) -> InvoiceIssued:
    return InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice,
        number=f"INV-{invoice[-6:]}",
        currency="EUR",
        total=total,
        issue_date=date(2026, 10, 1),
        due_date=date(2026, 10, 31),
    )


def overdue(customer: str, invoice: str, open_amount: str, as_of: date = NOV_1) -> InvoiceOverdue:
    return InvoiceOverdue(
        customer_id=customer,
        invoice_id=invoice,
        currency="EUR",
        open_amount=open_amount,
        due_date=date(2026, 10, 31),
        as_of=as_of,
    )


def summary(cases: list[CollectionCase]) -> list[tuple[CaseStatus, int, date, date | None]]:
    return [(c.status, c.overdue_amount, c.opened_on, c.closed_on) for c in cases]


async def applied_once(
    delivery: EventDelivery,
    cases_of: CasesOf,
    customer: str,
    fact: EventData,
    expected: Sequence[tuple[CaseStatus, int, date, date | None]],
) -> None:
    """The fact is applied, and the same event delivered again is a duplicate changing nothing."""
    event_id = new_id()
    assert await delivery.deliver(fact, event_id=event_id) is Outcome.APPLIED
    assert summary(await cases_of(customer)) == expected
    assert await delivery.deliver(fact, event_id=event_id) is Outcome.DUPLICATE
    assert summary(await cases_of(customer)) == expected
