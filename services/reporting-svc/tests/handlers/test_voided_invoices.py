"""Voids recorded through the real inbox, and the aging of days before and after them."""

from datetime import date
from typing import Any

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.ledger import InvoiceIssued, InvoiceVoided
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair, service_db

ISSUED_ON, DUE, VOIDED_ON = date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 10)
DAY_BEFORE, LATER = date(2026, 4, 9), date(2026, 6, 30)
INVOICE_SQL = "SELECT total_minor, issue_date, due_date, voided_on FROM invoices WHERE id = :i"


def issued(customer: str, invoice: str, total: str) -> InvoiceIssued:
    return InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice,
        number=f"INV-{invoice[-6:]}",
        currency="EUR",
        total=total,
        issue_date=ISSUED_ON,
        due_date=DUE,
    )


def voided(customer: str, invoice: str, total: str, on: date = VOIDED_ON) -> InvoiceVoided:
    return InvoiceVoided(
        customer_id=customer,
        invoice_id=invoice,
        number=f"INV-{invoice[-6:]}",
        currency="EUR",
        total=total,
        voided_on=on,
    )


async def aged_total(
    client: httpx.AsyncClient, keys: KeyPair, customer: str, as_of: date
) -> list[tuple[str, str]]:
    """(days 1-30, total) of the customer's aging row; none once it owes nothing."""
    params = {"as_of": as_of.isoformat(), "customer_id": customer}
    response = await client.get("/v1/reports/aging", params=params, headers=keys.auth("auditor"))
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["rows"]
    return [(r["days_1_30"], r["total"]) for r in rows]


async def invoice_row(database_url: str, invoice: str) -> list[tuple[Any, ...]]:
    async with service_db(database_url) as db:
        return await db.rows(INVOICE_SQL, i=invoice)


async def test_a_void_is_recorded_against_the_invoice_and_ends_its_aging_that_day(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, database_url: str
) -> None:
    customer, gone, kept = str(uuid7()), str(uuid7()), str(uuid7())
    await delivery.deliver(issued(customer, gone, "1234.56"))
    await delivery.deliver(issued(customer, kept, "100.01"))

    assert await delivery.deliver(voided(customer, gone, "1234.56")) is Outcome.APPLIED

    assert await invoice_row(database_url, gone) == [(123456, ISSUED_ON, DUE, VOIDED_ON)]
    assert await invoice_row(database_url, kept) == [(10001, ISSUED_ON, DUE, None)]
    assert await aged_total(client, auth_keys, customer, DAY_BEFORE) == [("1334.57", "1334.57")]
    assert await aged_total(client, auth_keys, customer, VOIDED_ON) == [("100.01", "100.01")]


async def test_a_customer_whose_only_invoice_was_voided_leaves_the_aging(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, invoice = str(uuid7()), str(uuid7())
    await delivery.deliver(issued(customer, invoice, "80.00"))

    await delivery.deliver(voided(customer, invoice, "80.00"))

    assert await aged_total(client, auth_keys, customer, DAY_BEFORE) == [("80.00", "80.00")]
    assert await aged_total(client, auth_keys, customer, LATER) == []


async def test_a_redelivered_void_changes_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, database_url: str
) -> None:
    customer, invoice, void_event = str(uuid7()), str(uuid7()), str(uuid7())
    await delivery.deliver(issued(customer, invoice, "500.00"))
    await delivery.deliver(voided(customer, invoice, "500.00"), event_id=void_event)

    again = await delivery.deliver(
        voided(customer, invoice, "500.00", on=DAY_BEFORE), event_id=void_event
    )

    assert again is Outcome.DUPLICATE
    assert await invoice_row(database_url, invoice) == [(50000, ISSUED_ON, DUE, VOIDED_ON)]
    assert await aged_total(client, auth_keys, customer, DAY_BEFORE) == [("500.00", "500.00")]


async def test_a_void_before_its_invoice_is_kept_and_the_late_issue_stays_void(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, database_url: str
) -> None:
    # Recorded, not ignored: an InvoiceIssued re-driven from the dead letters after its void
    # must neither revive the invoice nor lose its aging up to the void.
    customer, invoice = str(uuid7()), str(uuid7())

    assert await delivery.deliver(voided(customer, invoice, "42.42")) is Outcome.APPLIED
    assert await invoice_row(database_url, invoice) == [(4242, VOIDED_ON, VOIDED_ON, VOIDED_ON)]
    assert await aged_total(client, auth_keys, customer, VOIDED_ON) == []

    assert await delivery.deliver(issued(customer, invoice, "42.42")) is Outcome.APPLIED

    assert await invoice_row(database_url, invoice) == [(4242, ISSUED_ON, DUE, VOIDED_ON)]
    assert await aged_total(client, auth_keys, customer, DAY_BEFORE) == [("42.42", "42.42")]
    assert await aged_total(client, auth_keys, customer, LATER) == []


async def test_a_second_void_of_the_same_invoice_keeps_the_first_void_date(
    delivery: EventDelivery, database_url: str
) -> None:
    customer, invoice = str(uuid7()), str(uuid7())
    await delivery.deliver(issued(customer, invoice, "9.99"))
    await delivery.deliver(voided(customer, invoice, "9.99"))

    assert await delivery.deliver(voided(customer, invoice, "9.99", on=LATER)) is Outcome.APPLIED

    assert await invoice_row(database_url, invoice) == [(999, ISSUED_ON, DUE, VOIDED_ON)]
