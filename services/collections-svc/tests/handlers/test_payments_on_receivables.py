"""What a payment leaves on the invoices collections follows, delivered through the real inbox."""

from datetime import date

from ledgerflow_events.contracts.ledger import PaymentAllocation, PaymentReceived
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, service_db

from .ledger_facts import issued, new_id, overdue

OCT_31 = date(2026, 10, 31)


async def test_a_payment_leaves_each_invoice_it_paid_at_the_open_amount_the_ledger_reports(
    delivery: EventDelivery, database_url: str
) -> None:
    customer, current, late, unseen, other = new_id(), new_id(), new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, current, "100.00"))
    await delivery.deliver(issued(customer, late, "50.00"))
    await delivery.deliver(overdue(customer, late, "50.00"))
    await delivery.deliver(issued(customer, other, "20.00"))
    payment = PaymentReceived(
        customer_id=customer,
        payment_id=new_id(),
        currency="EUR",
        amount="45.00",
        received_on=date(2026, 11, 8),
        allocations=[
            PaymentAllocation(invoice_id=current, amount="30.00", open_amount_after="70.00"),
            PaymentAllocation(invoice_id=late, amount="10.00", open_amount_after="40.00"),
            # The ledger's fact about this invoice has not arrived yet.
            PaymentAllocation(invoice_id=unseen, amount="5.00", open_amount_after="15.00"),
        ],
        unapplied_amount="0.00",
    )
    event_id = new_id()

    assert await delivery.deliver(payment, event_id=event_id) is Outcome.APPLIED
    assert await delivery.deliver(payment, event_id=event_id) is Outcome.DUPLICATE

    async with service_db(database_url) as db:
        rows = await db.rows(
            "SELECT invoice_id, customer_id, currency, open_amount, overdue, number, due_date,"
            " level, last_notice_on, changed_by FROM receivables WHERE customer_id = :c",
            c=customer,
        )
    number = {i: f"INV-{i[-6:]}" for i in (current, late, other)}
    assert sorted(tuple(r) for r in rows) == sorted(
        [
            (current, customer, "EUR", 7000, False, number[current], OCT_31, 0, None, "paid"),
            (late, customer, "EUR", 4000, True, number[late], OCT_31, 0, None, "paid"),
            (unseen, customer, "EUR", 1500, False, None, None, 0, None, "paid"),
            (other, customer, "EUR", 2000, False, number[other], OCT_31, 0, None, None),
        ]
    )
