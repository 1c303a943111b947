"""Reservations: counted in exposure while live, ended once by release, expiry or invoice."""

from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest

from ledgerflow_events.contracts.ledger import InvoiceVoided
from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from ..conftest import Clock
from .credit_steps import invoice, new_id, profile, registered_customer


async def reserve(
    client: httpx.AsyncClient,
    keys: KeyPair,
    customer: str,
    amount: str,
    expires_at: str,
    **more: Any,
) -> httpx.Response:
    return await client.post(
        "/v1/credit-reservations",
        json={
            "customer_id": customer,
            "amount": amount,
            "currency": "EUR",
            "order_reference": more.pop("order", None) or new_id(),
            "expires_at": expires_at,
        },
        headers=keys.auth(more.pop("role", "service")),
    )


async def amounts(client: httpx.AsyncClient, keys: KeyPair, customer: str) -> tuple[str, ...]:
    seen = await profile(client, keys, customer)
    return seen["open_receivables"], seen["reserved"], seen["exposure"]


async def test_a_reservation_counts_until_released_and_only_once_per_order(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer, order = await registered_customer(delivery), new_id()
    await delivery.deliver(invoice(customer, "100.00"))

    placed = await reserve(client, auth_keys, customer, "49.95", "2026-11-30", order=order)
    again = await reserve(client, auth_keys, customer, "49.95", "2026-11-30", order=order)

    assert placed.status_code == 201, placed.text
    body = placed.json()
    assert {k: body[k] for k in ("amount", "order_reference", "expires_at", "status")} == {
        "amount": "49.95",
        "order_reference": order,
        # A date means the end of that business day.
        "expires_at": "2026-12-01T00:00:00Z",
        "status": "live",
    }
    assert (again.status_code, again.json()["id"]) == (200, body["id"])
    assert await amounts(client, auth_keys, customer) == ("100.00", "49.95", "149.95")

    released = await client.post(
        f"/v1/credit-reservations/{body['id']}:release", headers=auth_keys.auth("service")
    )

    assert released.json()["status"] == "released"
    assert await amounts(client, auth_keys, customer) == ("100.00", "0.00", "100.00")
    twice = await client.post(
        f"/v1/credit-reservations/{body['id']}:release", headers=auth_keys.auth("service")
    )
    assert_problem(twice, 409, "reservation-ended")
    assert [(t, p.get("outcome")) for t, p in await db.outbox(customer)] == [
        ("credit.credit_reserved.v1", None),
        ("credit.credit_reservation_ended.v1", "released"),
    ]


async def test_a_reservation_stops_counting_at_its_expiry_and_the_run_ends_it(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, clock: Clock
) -> None:
    customer = await registered_customer(delivery)
    short = (await reserve(client, auth_keys, customer, "10.00", "2026-11-20")).json()
    long = (await reserve(client, auth_keys, customer, "5.00", "2026-11-21T12:00:00+01:00")).json()
    assert long["expires_at"] == "2026-11-21T11:00:00Z"
    assert await amounts(client, auth_keys, customer) == ("0.00", "15.00", "15.00")

    clock.now = datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
    assert await amounts(client, auth_keys, customer) == ("0.00", "5.00", "5.00")
    run = await client.post(
        "/v1/reservation-expiry-runs",
        json={"as_of": "2026-11-20"},
        headers=auth_keys.auth("service"),
    )

    assert run.status_code == 200, run.text
    assert short["id"] in run.json()["expired"]
    assert long["id"] not in run.json()["expired"]
    found = await client.get(
        f"/v1/credit-reservations/{short['id']}", headers=auth_keys.auth("auditor")
    )
    assert found.json()["status"] == "expired"


async def test_an_invoice_for_a_released_order_adds_to_receivables_and_revives_nothing(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer, order = await registered_customer(delivery), new_id()
    placed = (await reserve(client, auth_keys, customer, "80.00", "2026-12-31", order=order)).json()
    await client.post(
        f"/v1/credit-reservations/{placed['id']}:release", headers=auth_keys.auth("service")
    )

    await delivery.deliver(invoice(customer, "80.00", order=order))

    assert await amounts(client, auth_keys, customer) == ("80.00", "0.00", "80.00")


async def test_a_reservation_for_an_order_already_invoiced_converts_at_once(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer, order, billed = await registered_customer(delivery), new_id(), new_id()
    await delivery.deliver(invoice(customer, "80.00", invoice_id=billed, order=order))

    placed = await reserve(client, auth_keys, customer, "80.00", "2026-12-31", order=order)

    assert placed.status_code == 201, placed.text
    assert (placed.json()["status"], placed.json()["invoice_id"]) == ("converted", billed)
    assert await amounts(client, auth_keys, customer) == ("80.00", "0.00", "80.00")


async def test_a_reservation_for_an_order_whose_invoice_was_voided_counts_again(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer, order, billed = await registered_customer(delivery), new_id(), new_id()
    await delivery.deliver(invoice(customer, "80.00", invoice_id=billed, order=order))
    await delivery.deliver(
        InvoiceVoided(
            customer_id=customer,
            invoice_id=billed,
            number="INV-V",
            currency="EUR",
            total="80.00",
            voided_on=date(2026, 11, 3),
        )
    )

    placed = await reserve(client, auth_keys, customer, "80.00", "2026-12-31", order=order)

    assert placed.status_code == 201, placed.text
    assert (placed.json()["status"], placed.json()["invoice_id"]) == ("live", None)
    assert await amounts(client, auth_keys, customer) == ("0.00", "80.00", "80.00")


@pytest.mark.parametrize("role", ["cashier", "accountant", "collector", "auditor"])
async def test_only_order_systems_and_credit_managers_reserve(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, role: str
) -> None:
    customer = await registered_customer(delivery)

    response = await reserve(client, auth_keys, customer, "1.00", "2026-12-31", role=role)

    assert_problem(response, 403, "forbidden")


@pytest.mark.parametrize(
    ("amount", "expires_at", "slug", "field"),
    [
        ("1.001", "2026-12-31", "invalid-amount", "amount"),
        ("-1.00", "2026-12-31", "invalid-amount", "amount"),
        ("1.00", "2026-11-15", "invalid-expiry", "expires_at"),
        ("1.00", "2026-12-31T10:00:00", "invalid-expiry", "expires_at"),
        ("1.00", "1899-12-31", "invalid-expiry", "expires_at"),
    ],
)
async def test_a_bad_reservation_is_refused_naming_the_field_and_changes_nothing(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    db: ServiceDb,
    amount: str,
    expires_at: str,
    slug: str,
    field: str,
) -> None:
    customer = await registered_customer(delivery)
    before = await db.counts("credit_reservations", "outbox")

    response = await reserve(client, auth_keys, customer, amount, expires_at)

    assert_problem(response, 422, slug, fields=[field])
    assert await db.counts("credit_reservations", "outbox") == before
