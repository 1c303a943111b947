"""The credit check: every reason code, reserving once per order, overrides, bad input."""

from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest

from ledgerflow_events.contracts.ledger import InvoiceVoided
from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from ..conftest import Clock
from .credit_steps import invoice, new_id, overdue, profile, registered_customer, set_limit

ORDER_SYSTEM = "service"


async def check(
    client: httpx.AsyncClient, keys: KeyPair, customer: str, amount: str, **more: Any
) -> dict[str, Any]:
    response = await client.post(
        "/v1/credit-checks",
        json={"customer_id": customer, "amount": amount, "currency": "EUR", **more},
        headers=keys.auth(ORDER_SYSTEM),
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def codes(answer: dict[str, Any]) -> tuple[str, list[str]]:
    return answer["decision"], [r["code"] for r in answer["reasons"]]


async def customer_with_limit(
    client: httpx.AsyncClient, delivery: EventDelivery, keys: KeyPair, owes: str, limit: str
) -> str:
    customer = await registered_customer(delivery)
    await delivery.deliver(invoice(customer, owes))
    await set_limit(client, keys, customer, limit)
    return customer


async def test_an_order_within_the_limit_is_approved_with_the_figures(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await customer_with_limit(client, delivery, auth_keys, "600.00", "1000.00")

    answer = await check(client, auth_keys, customer, "400.00")

    assert answer == {
        "decision": "approved",
        "reasons": [],
        "exposure": "600.00",
        "available_before": "400.00",
        "available_after": "0.00",
        "reservation_id": None,
    }


async def test_without_a_limit_every_order_is_referred(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await registered_customer(delivery)

    answer = await check(client, auth_keys, customer, "0.01")

    assert codes(answer) == ("referred", ["no_credit_limit"])
    assert (answer["available_before"], answer["available_after"]) == (None, None)


async def test_over_the_limit_is_referred_within_the_tolerance_and_declined_beyond(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await customer_with_limit(client, delivery, auth_keys, "600.00", "1000.00")

    within = await check(client, auth_keys, customer, "500.00")
    beyond = await check(client, auth_keys, customer, "500.01")

    assert codes(within) == ("referred", ["over_limit"])
    assert within["available_after"] == "-100.00"
    assert codes(beyond) == ("declined", ["over_limit"])
    assert beyond["reasons"][0]["message"] == (
        "Exposure with this order, 1100.01 EUR, exceeds the limit of 1000.00 EUR by more than 10%."
    )


async def test_a_held_customer_is_declined(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await customer_with_limit(client, delivery, auth_keys, "10.00", "1000.00")
    await client.post(
        f"/v1/customers/{customer}/holds",
        json={"reason": "Ownership change"},
        headers=auth_keys.auth("credit_manager"),
    )

    assert codes(await check(client, auth_keys, customer, "1.00")) == ("declined", ["on_hold"])


async def test_lateness_beyond_the_tolerance_is_declined(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, clock: Clock
) -> None:
    customer = await registered_customer(delivery)
    late = invoice(customer, "10.00")
    await delivery.deliver(late)
    await delivery.deliver(overdue(late))
    await set_limit(client, auth_keys, customer, "1000.00")
    clock.now = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)

    answer = await check(client, auth_keys, customer, "1.00")

    assert codes(answer) == ("declined", ["overdue_beyond_tolerance"])
    assert answer["reasons"][0]["message"] == (
        "An invoice due 2026-10-31 is more than 30 days overdue."
    )


async def test_a_reserving_check_reserves_once_per_order_and_the_invoice_converts_it(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await customer_with_limit(client, delivery, auth_keys, "600.00", "1000.00")
    order = new_id()

    first = await check(client, auth_keys, customer, "300.00", order_reference=order, reserve=True)
    again = await check(client, auth_keys, customer, "300.00", order_reference=order, reserve=True)

    assert codes(first) == ("approved", [])
    assert first["reservation_id"] is not None
    assert again == first
    seen = await profile(client, auth_keys, customer)
    assert (seen["open_receivables"], seen["reserved"], seen["exposure"]) == (
        "600.00",
        "300.00",
        "900.00",
    )
    assert codes(await check(client, auth_keys, customer, "100.01")) == ("referred", ["over_limit"])

    await delivery.deliver(invoice(customer, "310.00", order=order))

    seen = await profile(client, auth_keys, customer)
    assert (seen["open_receivables"], seen["reserved"], seen["exposure"], seen["available"]) == (
        "910.00",
        "0.00",
        "910.00",
        "90.00",
    )
    reservation = await client.get(
        f"/v1/credit-reservations/{first['reservation_id']}", headers=auth_keys.auth("auditor")
    )
    assert reservation.json()["status"] == "converted"
    events = [(t, p.get("outcome")) for t, p in await db.outbox(customer)]
    assert events[-2:] == [
        ("credit.credit_reserved.v1", None),
        ("credit.credit_reservation_ended.v1", "converted"),
    ]


async def test_a_reserving_check_after_the_orders_invoice_converts_at_once(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await customer_with_limit(client, delivery, auth_keys, "600.00", "1000.00")
    order, billed = new_id(), new_id()
    await delivery.deliver(invoice(customer, "100.00", invoice_id=billed, order=order))

    first = await check(client, auth_keys, customer, "100.00", order_reference=order, reserve=True)
    again = await check(client, auth_keys, customer, "100.00", order_reference=order, reserve=True)

    assert codes(first) == ("approved", [])
    assert (first["exposure"], first["available_before"]) == ("700.00", "300.00")
    assert first["available_after"] == "300.00", "the order is billed: it adds nothing"
    assert again == first
    seen = await profile(client, auth_keys, customer)
    assert (seen["open_receivables"], seen["reserved"], seen["exposure"]) == (
        "700.00",
        "0.00",
        "700.00",
    )
    reservation = await client.get(
        f"/v1/credit-reservations/{first['reservation_id']}", headers=auth_keys.auth("auditor")
    )
    assert (reservation.json()["status"], reservation.json()["invoice_id"]) == (
        "converted",
        billed,
    )
    events = [(t, p.get("outcome")) for t, p in await db.outbox(customer)]
    assert events[-2:] == [
        ("credit.credit_reserved.v1", None),
        ("credit.credit_reservation_ended.v1", "converted"),
    ]


async def test_an_invoiced_order_is_judged_only_on_what_its_invoices_left_unbilled(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    """Its invoice counts in exposure already: judged on top of it, the order would count
    twice and be referred for credit it uses once."""
    customer = await customer_with_limit(client, delivery, auth_keys, "300.00", "1000.00")
    order, voided_order, voided = new_id(), new_id(), new_id()
    await delivery.deliver(invoice(customer, "600.00", order=order))
    await delivery.deliver(invoice(customer, "50.00", invoice_id=voided, order=voided_order))
    await delivery.deliver(
        InvoiceVoided(
            customer_id=customer,
            invoice_id=voided,
            number="INV-V",
            currency="EUR",
            total="50.00",
            voided_on=date(2026, 11, 3),
        )
    )

    whole = await check(client, auth_keys, customer, "600.00", order_reference=order)
    grown = await check(client, auth_keys, customer, "650.00", order_reference=order)
    within = await check(client, auth_keys, customer, "750.00", order_reference=order)
    beyond = await check(client, auth_keys, customer, "800.01", order_reference=order)
    unbilled = await check(client, auth_keys, customer, "100.00", order_reference=voided_order)

    assert codes(whole) == ("approved", [])
    assert (whole["exposure"], whole["available_before"], whole["available_after"]) == (
        "900.00",
        "100.00",
        "100.00",
    )
    assert (codes(grown), grown["available_after"]) == (("approved", []), "50.00")
    assert (codes(within), within["available_after"]) == (("referred", ["over_limit"]), "-50.00")
    assert (codes(beyond), beyond["available_after"]) == (("declined", ["over_limit"]), "-100.01")
    assert (codes(unbilled), unbilled["available_after"]) == (("approved", []), "0.00"), (
        "a voided invoice bills its order no more"
    )


async def test_an_override_approves_the_next_check_of_a_referred_order(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer, order = await registered_customer(delivery), new_id()
    assert codes(await check(client, auth_keys, customer, "250.00", order_reference=order))[0] == (
        "referred"
    )

    granted = await client.post(
        "/v1/credit-overrides",
        json={
            "customer_id": customer,
            "order_reference": order,
            "amount": "250.00",
            "reason": "Known buyer, prepaid history",
        },
        headers=auth_keys.auth("credit_manager", subject="carla"),
    )

    assert granted.status_code == 201, granted.text
    assert granted.json()["granted_by"] == "carla"
    larger = await check(client, auth_keys, customer, "250.01", order_reference=order)
    assert codes(larger) == ("referred", ["no_credit_limit"])
    answer = await check(client, auth_keys, customer, "250.00", order_reference=order, reserve=True)
    assert codes(answer) == ("approved", ["no_credit_limit"])
    assert answer["reservation_id"] is not None
    assert [t for t, _ in await db.outbox(customer)] == [
        "credit.credit_override_granted.v1",
        "credit.credit_reserved.v1",
    ]


@pytest.mark.parametrize(
    ("more", "status", "slug", "field"),
    [
        ({"amount": "-5.00"}, 422, "invalid-amount", "amount"),
        ({"amount": "0.00"}, 422, "invalid-amount", "amount"),
        ({"amount": "5.001"}, 422, "invalid-amount", "amount"),
        ({"currency": "USD"}, 422, "currency-mismatch", "currency"),
        ({"reserve": True}, 422, "order-reference-required", "order_reference"),
        (
            {"reserve": True, "order_reference": "SO-1", "expires_at": "2026-11-15"},
            422,
            "invalid-expiry",
            "expires_at",
        ),
        (
            {"reserve": True, "order_reference": "SO-1", "expires_at": "2201-01-01"},
            422,
            "invalid-expiry",
            "expires_at",
        ),
        ({"amount": 5}, 422, "validation-error", "amount"),
    ],
)
async def test_a_bad_check_is_refused_naming_the_field_and_reserves_nothing(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    db: ServiceDb,
    more: dict[str, Any],
    status: int,
    slug: str,
    field: str,
) -> None:
    customer = await customer_with_limit(client, delivery, auth_keys, "1.00", "1000.00")
    before = await db.counts("credit_reservations", "outbox")
    body = {"customer_id": customer, "amount": "5.00", "currency": "EUR", **more}

    response = await client.post(
        "/v1/credit-checks", json=body, headers=auth_keys.auth(ORDER_SYSTEM)
    )

    assert_problem(response, status, slug, fields=[field])
    assert await db.counts("credit_reservations", "outbox") == before


async def test_a_check_for_an_unknown_customer_is_not_found(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post(
        "/v1/credit-checks",
        json={"customer_id": "nobody", "amount": "5.00", "currency": "EUR"},
        headers=auth_keys.auth(ORDER_SYSTEM),
    )

    assert_problem(response, 404, "customer-not-found")


@pytest.mark.parametrize("role", ["cashier", "accountant", "collector", "auditor"])
async def test_only_order_systems_and_credit_managers_check_credit(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, role: str
) -> None:
    customer = await registered_customer(delivery)

    response = await client.post(
        "/v1/credit-checks",
        json={"customer_id": customer, "amount": "5.00", "currency": "EUR"},
        headers=auth_keys.auth(role),
    )

    assert_problem(response, 403, "forbidden")
