"""A payment sets what is still open on the invoices it paid, under the customer's lock, and
the automatic holds follow it as of the day it was received."""

import asyncio
from datetime import date

import httpx
from sqlalchemy import text

from ledgerflow_events.contracts.ledger import InvoicePaid, PaymentAllocation, PaymentReceived
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb

from .credit_steps import invoice, new_id, overdue, profile, registered_customer, set_limit
from .test_credit_holds import escalated, facts


def payment(
    customer: str,
    *applied: tuple[str, str, str],
    currency: str = "EUR",
    received_on: date = date(2026, 11, 10),
) -> PaymentReceived:
    """A payment applied as (invoice, amount, open_amount_after); none: all of it unapplied."""
    return PaymentReceived(
        customer_id=customer,
        payment_id=new_id(),
        currency=currency,
        amount="25.00",
        received_on=received_on,
        allocations=[
            PaymentAllocation(invoice_id=i, amount=a, open_amount_after=o) for i, a, o in applied
        ],
        unapplied_amount="0.00" if applied else "25.00",
    )


async def receivables(db: ServiceDb, customer: str) -> list[tuple[object, ...]]:
    return await db.rows(
        "SELECT invoice_id, currency, open_amount, overdue, due_date, total, issue_date, paid_on"
        " FROM receivables WHERE customer_id = :c ORDER BY invoice_id",
        c=customer,
    )


async def holds(db: ServiceDb, customer: str) -> list[tuple[object, ...]]:
    return await db.rows(
        "SELECT reason, placed_by, released_by, released_at IS NOT NULL FROM credit_holds"
        " WHERE customer_id = :c ORDER BY placed_at, id",
        c=customer,
    )


async def test_a_payment_within_the_tolerance_releases_the_over_limit_hold_alone(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    await set_limit(client, auth_keys, customer, "1000.00")
    await delivery.deliver(invoice(customer, "1000.00"))
    beyond = invoice(customer, "100.01")
    await delivery.deliver(beyond)
    await delivery.deliver(escalated(customer, "stop_supply"))

    # 1,100.00 owed is the limit plus its 10% tolerance: no longer over it.
    paying = payment(customer, (beyond.invoice_id, "0.01", "100.00"))
    assert await delivery.deliver(paying) is Outcome.APPLIED

    assert facts(await db.outbox(customer)) == [
        ("hold_placed", "over_limit", None),
        ("hold_placed", "stop_supply", None),
        ("hold_released", "over_limit", True),
    ]
    assert await holds(db, customer) == [
        ("over_limit", "credit-control", "credit-control", True),
        ("stop_supply", "credit-control", None, False),
    ]
    seen = await profile(client, auth_keys, customer)
    assert (seen["open_receivables"], seen["available"]) == ("1100.00", "-100.00")


async def test_a_payment_received_past_the_tolerance_holds_for_the_late_invoice(
    delivery: EventDelivery, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    late = invoice(customer, "300.00")
    await delivery.deliver(late)
    await delivery.deliver(overdue(late))

    # Due 31 October: 30 days late on 30 November is within the tolerance, 31 days is not.
    on_time = payment(
        customer, (late.invoice_id, "50.00", "250.00"), received_on=date(2026, 11, 30)
    )
    await delivery.deliver(on_time)
    assert facts(await db.outbox(customer)) == []
    too_late = payment(
        customer, (late.invoice_id, "50.00", "200.00"), received_on=date(2026, 12, 1)
    )
    await delivery.deliver(too_late)

    assert facts(await db.outbox(customer)) == [("hold_placed", "overdue_beyond_tolerance", None)]
    assert await receivables(db, customer) == [
        (late.invoice_id, "EUR", 20000, True, date(2026, 10, 31), 30000, date(2026, 10, 1), None)
    ]


async def test_a_payment_from_a_customer_not_yet_known_opens_their_account_in_its_currency(
    delivery: EventDelivery, db: ServiceDb
) -> None:
    customer, unseen = new_id(), new_id()

    await delivery.deliver(payment(customer, (unseen, "25.00", "75.50"), currency="GBP"))

    assert await db.rows(
        "SELECT currency, terms_days, grade FROM credit_accounts WHERE customer_id = :c",
        c=customer,
    ) == [("GBP", None, None)]
    assert await receivables(db, customer) == [(unseen, "GBP", 7550, False, None, None, None, None)]


async def test_a_payment_applied_to_no_invoice_opens_the_account_and_nothing_else(
    delivery: EventDelivery, db: ServiceDb
) -> None:
    customer = new_id()

    assert await delivery.deliver(payment(customer, currency="JPY")) is Outcome.APPLIED

    assert await db.rows(
        "SELECT currency, terms_days FROM credit_accounts WHERE customer_id = :c", c=customer
    ) == [("JPY", None)]
    assert await receivables(db, customer) == []
    assert await db.outbox(customer) == []


async def test_an_invoice_paid_keeps_its_payment_date_until_money_is_owed_on_it_again(
    delivery: EventDelivery, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    issued = invoice(customer, "300.00")
    await delivery.deliver(issued)
    await delivery.deliver(payment(customer, (issued.invoice_id, "300.00", "0.00")))
    await delivery.deliver(
        InvoicePaid(
            customer_id=customer,
            invoice_id=issued.invoice_id,
            currency="EUR",
            total="300.00",
            paid_on=date(2026, 11, 12),
        )
    )

    # The same payment told again (a new event id) leaves it paid on the day it was.
    await delivery.deliver(payment(customer, (issued.invoice_id, "300.00", "0.00")))
    assert await receivables(db, customer) == [
        (issued.invoice_id, "EUR", 0, False, date(2026, 10, 31), 30000, date(2026, 10, 1),
         date(2026, 11, 12))
    ]  # fmt: skip
    await delivery.deliver(payment(customer, (issued.invoice_id, "0.00", "12.34")))

    assert await receivables(db, customer) == [
        (issued.invoice_id, "EUR", 1234, False, date(2026, 10, 31), 30000, date(2026, 10, 1),
         None)
    ]  # fmt: skip


async def test_payments_in_one_batch_release_a_hold_placed_earlier_in_it(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    await set_limit(client, auth_keys, customer, "1000.00")
    first, other = invoice(customer, "1000.00"), invoice(customer, "200.00")

    outcomes = await delivery.deliver_batch(
        first,
        other,
        payment(customer, (other.invoice_id, "50.00", "150.00")),
        payment(customer, (other.invoice_id, "100.00", "50.00")),
    )

    assert outcomes == [Outcome.APPLIED] * 4
    assert facts(await db.outbox(customer)) == [
        ("hold_placed", "over_limit", None),
        ("hold_released", "over_limit", False),
    ]
    assert [(r[0], r[2]) for r in await receivables(db, customer)] == sorted(
        [(first.invoice_id, 100000), (other.invoice_id, 5000)]
    )


async def test_a_payment_waits_for_whoever_holds_the_customers_lock(
    delivery: EventDelivery, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    issued = invoice(customer, "300.00")
    await delivery.deliver(issued)

    async with db.engine.connect() as holder:
        await holder.execute(
            text(
                "INSERT INTO event_streams (subject, last_sequence) VALUES (:c, 0)"
                " ON CONFLICT (subject) DO UPDATE SET subject = excluded.subject"
            ),
            {"c": customer},
        )
        holder_pid = (await holder.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        paying = asyncio.create_task(
            delivery.deliver(payment(customer, (issued.invoice_id, "100.00", "200.00")))
        )
        for _ in range(500):
            [(waiting,)] = await db.rows(
                "SELECT count(*) FROM pg_stat_activity WHERE :h = ANY(pg_blocking_pids(pid))",
                h=holder_pid,
            )
            if waiting or paying.done():
                break
            await asyncio.sleep(0.01)
        assert (waiting, paying.done()) == (1, False)
        assert [r[2] for r in await receivables(db, customer)] == [30000]
        await holder.rollback()

    assert await asyncio.wait_for(paying, 10) is Outcome.APPLIED
    assert [r[2] for r in await receivables(db, customer)] == [20000]
