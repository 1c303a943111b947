"""Collection cases opened and closed by the ledger's facts, delivered through the real inbox."""

from datetime import date

from ledgerflow_events.contracts.ledger import InvoicePaid, PaymentAllocation, PaymentReceived
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery

from .ledger_facts import CLOSED, OPEN, CasesOf, issued, new_id, overdue, summary


def payment(customer: str, received_on: date, *applied: tuple[str, str, str]) -> PaymentReceived:
    """A payment applied as (invoice, amount, open_amount_after)."""
    return PaymentReceived(
        customer_id=customer,
        payment_id=new_id(),
        currency="EUR",
        amount=applied[0][1],
        received_on=received_on,
        allocations=[
            PaymentAllocation(invoice_id=i, amount=a, open_amount_after=o) for i, a, o in applied
        ],
        unapplied_amount="0.00",
    )


def paid(customer: str, invoice: str, total: str, paid_on: date) -> InvoicePaid:
    return InvoicePaid(
        customer_id=customer, invoice_id=invoice, currency="EUR", total=total, paid_on=paid_on
    )


async def test_an_issued_invoice_alone_opens_no_case(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer = new_id()
    await delivery.deliver(issued(customer, new_id(), "100.00"))
    assert await cases_of(customer) == []


async def test_one_case_opens_for_two_overdue_invoices(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, first, second = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, first, "100.00"))
    await delivery.deliver(issued(customer, second, "50.25"))

    await delivery.deliver(overdue(customer, first, "100.00", date(2026, 11, 1)))
    await delivery.deliver(overdue(customer, second, "50.25", date(2026, 11, 5)))

    [case] = await cases_of(customer)
    assert (case.customer_id, case.currency) == (customer, "EUR")
    assert summary([case]) == [(OPEN, 15025, date(2026, 11, 1), None)]


async def test_the_case_follows_payments_and_closes_when_the_last_overdue_invoice_is_paid(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, first, second, current = new_id(), new_id(), new_id(), new_id()
    for invoice, total in ((first, "100.00"), (second, "50.25"), (current, "999.99")):
        await delivery.deliver(issued(customer, invoice, total))
    await delivery.deliver(overdue(customer, first, "100.00", date(2026, 11, 1)))
    await delivery.deliver(overdue(customer, second, "50.25", date(2026, 11, 1)))

    await delivery.deliver(payment(customer, date(2026, 11, 8), (first, "40.00", "60.00")))
    assert summary(await cases_of(customer)) == [(OPEN, 11025, date(2026, 11, 1), None)]

    await delivery.deliver(payment(customer, date(2026, 11, 9), (current, "999.99", "0.00")))
    assert summary(await cases_of(customer)) == [(OPEN, 11025, date(2026, 11, 1), None)]

    await delivery.deliver(payment(customer, date(2026, 11, 10), (first, "60.00", "0.00")))
    await delivery.deliver(paid(customer, first, "100.00", date(2026, 11, 10)))
    assert summary(await cases_of(customer)) == [(OPEN, 5025, date(2026, 11, 1), None)]

    await delivery.deliver(payment(customer, date(2026, 11, 12), (second, "50.25", "0.00")))
    assert summary(await cases_of(customer)) == [(CLOSED, 0, date(2026, 11, 1), date(2026, 11, 12))]


async def test_an_invoice_settled_without_a_payment_closes_the_case_on_its_paid_date(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "70.00"))
    await delivery.deliver(overdue(customer, invoice, "70.00", date(2026, 11, 1)))

    await delivery.deliver(paid(customer, invoice, "70.00", date(2026, 11, 20)))

    assert summary(await cases_of(customer)) == [(CLOSED, 0, date(2026, 11, 1), date(2026, 11, 20))]


async def test_a_later_overdue_invoice_opens_a_new_case(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, first, later = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, first, "100.00"))
    await delivery.deliver(overdue(customer, first, "100.00", date(2026, 11, 1)))
    await delivery.deliver(payment(customer, date(2026, 11, 10), (first, "100.00", "0.00")))
    await delivery.deliver(issued(customer, later, "33.33"))

    await delivery.deliver(overdue(customer, later, "33.33", date(2026, 12, 1)))

    assert summary(await cases_of(customer)) == [
        (CLOSED, 0, date(2026, 11, 1), date(2026, 11, 10)),
        (OPEN, 3333, date(2026, 12, 1), None),
    ]


async def test_a_redelivered_overdue_event_changes_nothing(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice, overdue_event = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "100.00"))
    await delivery.deliver(
        overdue(customer, invoice, "100.00", date(2026, 11, 1)), event_id=overdue_event
    )
    await delivery.deliver(payment(customer, date(2026, 11, 10), (invoice, "100.00", "0.00")))

    again = await delivery.deliver(
        overdue(customer, invoice, "100.00", date(2026, 11, 1)), event_id=overdue_event
    )

    assert again is Outcome.DUPLICATE
    assert summary(await cases_of(customer)) == [(CLOSED, 0, date(2026, 11, 1), date(2026, 11, 10))]


async def test_a_redelivered_payment_changes_nothing(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice, payment_event = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "100.00"))
    await delivery.deliver(overdue(customer, invoice, "100.00", date(2026, 11, 1)))
    first_payment = payment(customer, date(2026, 11, 8), (invoice, "30.00", "70.00"))
    await delivery.deliver(first_payment, event_id=payment_event)
    await delivery.deliver(payment(customer, date(2026, 11, 9), (invoice, "20.00", "50.00")))

    assert await delivery.deliver(first_payment, event_id=payment_event) is Outcome.DUPLICATE

    assert summary(await cases_of(customer)) == [(OPEN, 5000, date(2026, 11, 1), None)]


async def test_the_same_overdue_fact_under_a_new_event_id_does_not_open_a_second_case(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "100.00"))
    fact = overdue(customer, invoice, "100.00", date(2026, 11, 1))

    assert await delivery.deliver(fact) is Outcome.APPLIED
    assert await delivery.deliver(fact) is Outcome.APPLIED

    assert summary(await cases_of(customer)) == [(OPEN, 10000, date(2026, 11, 1), None)]
