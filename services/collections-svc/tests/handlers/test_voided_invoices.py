"""Voided invoices leave the arrears and may close a case, delivered through the real inbox."""

from datetime import date

from ledgerflow_events.contracts.ledger import InvoiceVoided
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, service_db

from .ledger_facts import CLOSED, NOV_1, OPEN, CasesOf, issued, new_id, overdue, summary


def voided(customer: str, invoice: str, total: str, voided_on: date) -> InvoiceVoided:
    return InvoiceVoided(
        customer_id=customer,
        invoice_id=invoice,
        number=f"INV-{invoice[-6:]}",
        currency="EUR",
        total=total,
        voided_on=voided_on,
    )


async def overdue_invoice(delivery: EventDelivery, customer: str, total: str) -> str:
    invoice = new_id()
    await delivery.deliver(issued(customer, invoice, total))
    await delivery.deliver(overdue(customer, invoice, total))
    return invoice


async def test_voiding_the_last_overdue_invoice_closes_the_case_on_the_void_date(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer = new_id()
    invoice = await overdue_invoice(delivery, customer, "100.00")

    voiding = voided(customer, invoice, "100.00", date(2026, 11, 15))
    assert await delivery.deliver(voiding) is Outcome.APPLIED

    assert summary(await cases_of(customer)) == [(CLOSED, 0, NOV_1, date(2026, 11, 15))]


async def test_voiding_one_of_two_overdue_invoices_keeps_the_case_open_at_the_other(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer = new_id()
    first = await overdue_invoice(delivery, customer, "100.00")
    second = await overdue_invoice(delivery, customer, "50.25")

    await delivery.deliver(voided(customer, first, "100.00", date(2026, 11, 15)))
    assert summary(await cases_of(customer)) == [(OPEN, 5025, NOV_1, None)]

    await delivery.deliver(voided(customer, second, "50.25", date(2026, 11, 20)))
    assert summary(await cases_of(customer)) == [(CLOSED, 0, NOV_1, date(2026, 11, 20))]


async def test_a_void_dated_before_the_case_opened_closes_it_on_its_opening_date(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "70.00"))
    await delivery.deliver(overdue(customer, invoice, "70.00", as_of=date(2026, 11, 5)))

    await delivery.deliver(voided(customer, invoice, "70.00", date(2026, 11, 2)))

    assert summary(await cases_of(customer)) == [(CLOSED, 0, date(2026, 11, 5), date(2026, 11, 5))]


async def test_voiding_an_invoice_not_yet_overdue_leaves_the_case_as_it_was(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, current = new_id(), new_id()
    await overdue_invoice(delivery, customer, "100.00")
    await delivery.deliver(issued(customer, current, "999.99"))

    await delivery.deliver(voided(customer, current, "999.99", date(2026, 11, 15)))

    assert summary(await cases_of(customer)) == [(OPEN, 10000, NOV_1, None)]


async def test_a_redelivered_void_changes_nothing(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, void_event = new_id(), new_id()
    first = await overdue_invoice(delivery, customer, "100.00")
    await delivery.deliver(
        voided(customer, first, "100.00", date(2026, 11, 15)), event_id=void_event
    )
    later = new_id()
    await delivery.deliver(issued(customer, later, "33.33"))
    await delivery.deliver(overdue(customer, later, "33.33", as_of=date(2026, 12, 1)))

    again = await delivery.deliver(
        voided(customer, first, "100.00", date(2026, 11, 15)), event_id=void_event
    )

    assert again is Outcome.DUPLICATE
    assert summary(await cases_of(customer)) == [
        (CLOSED, 0, NOV_1, date(2026, 11, 15)),
        (OPEN, 3333, date(2026, 12, 1), None),
    ]


async def test_a_void_of_an_invoice_never_seen_is_kept_so_its_late_issue_stays_void(
    delivery: EventDelivery, cases_of: CasesOf, database_url: str
) -> None:
    # Recorded at zero rather than ignored: a re-driven InvoiceIssued must not revive it.
    customer, unseen = new_id(), new_id()
    await overdue_invoice(delivery, customer, "100.00")

    voiding = voided(customer, unseen, "500.00", date(2026, 11, 15))
    assert await delivery.deliver(voiding) is Outcome.APPLIED
    assert await delivery.deliver(issued(customer, unseen, "500.00")) is Outcome.APPLIED

    assert summary(await cases_of(customer)) == [(OPEN, 10000, NOV_1, None)]
    async with service_db(database_url) as db:
        sql = "SELECT open_amount, overdue FROM receivables WHERE invoice_id = :i"
        assert await db.rows(sql, i=unseen) == [(0, False)]


async def test_a_void_for_a_customer_without_arrears_opens_no_case(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer = new_id()

    voiding = voided(customer, new_id(), "500.00", date(2026, 11, 15))
    assert await delivery.deliver(voiding) is Outcome.APPLIED

    assert await cases_of(customer) == []


async def test_an_overdue_notice_arriving_after_the_void_opens_no_case_again(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    # Re-driven from the dead letters after the void was applied: the fact is old news.
    customer = new_id()
    invoice = await overdue_invoice(delivery, customer, "100.00")
    await delivery.deliver(voided(customer, invoice, "100.00", date(2026, 11, 15)))
    other = await overdue_invoice(delivery, customer, "20.00")
    await delivery.deliver(voided(customer, other, "20.00", date(2026, 11, 16)))
    closed = summary(await cases_of(customer))

    assert await delivery.deliver(overdue(customer, invoice, "100.00")) is Outcome.APPLIED

    assert summary(await cases_of(customer)) == closed
