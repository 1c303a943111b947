"""Customer and ledger facts recorded through the real inbox, once each."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from uuid6 import uuid7

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.contracts.ledger import (
    InvoiceIssued,
    InvoiceOverdue,
    InvoicePaid,
    PaymentAllocation,
    PaymentReceived,
)
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery


def issued(customer: str, invoice: str, total: str, currency: str = "EUR") -> InvoiceIssued:
    return InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice,
        number=f"INV-{invoice}",
        currency=currency,
        total=total,
        issue_date=date(2026, 3, 1),
        due_date=date(2026, 3, 31),
    )


def paid(customer: str, payment: str, applied: dict[str, str], unapplied: str) -> PaymentReceived:
    return PaymentReceived(
        customer_id=customer,
        payment_id=payment,
        currency="EUR",
        amount="1000.00",
        received_on=date(2026, 4, 2),
        allocations=[
            PaymentAllocation(invoice_id=i, amount=a, open_amount_after="0.00")
            for i, a in applied.items()
        ],
        unapplied_amount=unapplied,
    )


@pytest.fixture
async def query(database_url: str):  # type: ignore[no-untyped-def]
    engine = create_async_engine(database_url)

    async def run(sql: str, **params: Any) -> list[tuple[Any, ...]]:
        async with engine.connect() as conn:
            return [tuple(r) for r in await conn.execute(text(sql), params)]

    yield run
    await engine.dispose()


async def test_a_registered_customer_is_known_with_its_currency(
    delivery: EventDelivery, query: Any
) -> None:
    customer = str(uuid7())
    event = CustomerRegistered(
        customer_id=customer,
        name="Acme Trading Ltd",
        currency="CHF",
        payment_terms_days=30,
        registered_at=datetime(2026, 3, 1, tzinfo=UTC),
    )

    assert await delivery.deliver(event) == Outcome.APPLIED
    assert await query("SELECT name, currency FROM customers WHERE id = :c", c=customer) == [
        ("Acme Trading Ltd", "CHF")
    ]


async def test_an_issued_invoice_is_kept_in_minor_units_of_its_currency(
    delivery: EventDelivery, query: Any
) -> None:
    customer = str(uuid7())
    await delivery.deliver(issued(customer, f"{customer}-eur", "1234.50"))
    await delivery.deliver(issued(customer, f"{customer}-jpy", "98000", currency="JPY"))

    rows = await query(
        "SELECT currency, total_minor, issue_date, due_date FROM invoices"
        " WHERE customer_id = :c ORDER BY currency",
        c=customer,
    )
    assert rows == [
        ("EUR", 123450, date(2026, 3, 1), date(2026, 3, 31)),
        ("JPY", 98000, date(2026, 3, 1), date(2026, 3, 31)),
    ]


async def test_a_payment_is_kept_per_invoice_it_was_applied_to_and_unapplied_cash_is_not(
    delivery: EventDelivery, query: Any
) -> None:
    customer = str(uuid7())
    await delivery.deliver(paid(customer, "p1", {"a": "600.00", "b": "250.25"}, "149.75"))

    rows = await query(
        "SELECT payment_id, invoice_id, amount_minor, received_on FROM payment_allocations"
        " WHERE customer_id = :c ORDER BY invoice_id",
        c=customer,
    )
    assert rows == [("p1", "a", 60000, date(2026, 4, 2)), ("p1", "b", 25025, date(2026, 4, 2))]


async def test_a_payment_held_entirely_as_credit_records_no_allocation(
    delivery: EventDelivery, query: Any
) -> None:
    customer = str(uuid7())
    assert await delivery.deliver(paid(customer, "p1", {}, "1000.00")) == Outcome.APPLIED
    sql = "SELECT count(*) FROM payment_allocations WHERE customer_id = :c"
    assert await query(sql, c=customer) == [(0,)]


async def test_delivering_the_same_event_twice_changes_nothing(
    delivery: EventDelivery, query: Any
) -> None:
    customer = str(uuid7())
    invoice_event, payment_event = str(uuid7()), str(uuid7())
    await delivery.deliver(issued(customer, f"{customer}-1", "500.00"), event_id=invoice_event)
    await delivery.deliver(
        paid(customer, "p1", {f"{customer}-1": "200.00"}, "0.00"), event_id=payment_event
    )
    sql = (
        "SELECT i.total_minor, a.amount_minor FROM invoices i"
        " JOIN payment_allocations a ON a.invoice_id = i.id WHERE i.customer_id = :c"
    )
    before = await query(sql, c=customer)

    again_invoice = await delivery.deliver(
        issued(customer, f"{customer}-1", "500.00"), event_id=invoice_event
    )
    again_payment = await delivery.deliver(
        paid(customer, "p1", {f"{customer}-1": "200.00"}, "0.00"), event_id=payment_event
    )

    assert (again_invoice, again_payment) == (Outcome.DUPLICATE, Outcome.DUPLICATE)
    assert before == [(50000, 20000)]
    assert await query(sql, c=customer) == before


async def test_the_same_fact_under_a_new_event_id_is_not_counted_twice(
    delivery: EventDelivery, query: Any
) -> None:
    customer = str(uuid7())
    invoice = f"{customer}-1"
    for _ in range(2):
        assert await delivery.deliver(issued(customer, invoice, "500.00")) == Outcome.APPLIED
        payment = paid(customer, "p9", {invoice: "120.00"}, "0.00")
        assert await delivery.deliver(payment) == Outcome.APPLIED

    assert await query(
        "SELECT (SELECT count(*) FROM invoices WHERE customer_id = :c),"
        " (SELECT sum(amount_minor) FROM payment_allocations WHERE customer_id = :c)",
        c=customer,
    ) == [(1, 12000)]


async def test_invoice_paid_and_overdue_are_left_to_other_services(
    delivery: EventDelivery,
) -> None:
    customer = str(uuid7())
    settled = InvoicePaid(
        customer_id=customer,
        invoice_id="i1",
        currency="EUR",
        total="10.00",
        paid_on=date(2026, 4, 2),
    )
    late = InvoiceOverdue(
        customer_id=customer,
        invoice_id="i1",
        currency="EUR",
        open_amount="10.00",
        due_date=date(2026, 3, 31),
        as_of=date(2026, 4, 1),
    )
    assert await delivery.deliver(settled) == Outcome.IGNORED
    assert await delivery.deliver(late) == Outcome.IGNORED
