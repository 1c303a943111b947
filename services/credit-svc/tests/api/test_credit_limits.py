"""Credit limits with four eyes: history, events, and bad input refused without a trace."""

import httpx
import pytest

from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from .credit_steps import profile, registered_customer, set_limit

LIMIT_FIELDS = ("amount", "previous_amount", "status", "requested_by", "approved_by")


def limit_changed(
    limit_id: str, previous: str | None, limit: str, reason: str
) -> dict[str, object]:
    return {
        "limit_id": limit_id,
        "currency": "EUR",
        "previous_limit": previous,
        "credit_limit": limit,
        "reason": reason,
        "effective_at": "2026-11-16T09:30:00Z",
    }


async def test_a_limit_up_to_the_threshold_is_in_force_at_once_and_told(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)

    first = await set_limit(client, auth_keys, customer, "100000.00", reason="Opening limit")
    second = await set_limit(client, auth_keys, customer, "20000.00", reason="Lowered")

    assert [first[f] for f in LIMIT_FIELDS] == ["100000.00", None, "active", "carla", None]
    assert [second[f] for f in LIMIT_FIELDS] == ["20000.00", "100000.00", "active", "carla", None]
    assert (await profile(client, auth_keys, customer))["credit_limit"] == "20000.00"
    history = await client.get(
        f"/v1/customers/{customer}/credit-limits", headers=auth_keys.auth("auditor")
    )
    assert [(x["id"], x["status"]) for x in history.json()["items"]] == [
        (first["id"], "superseded"),
        (second["id"], "active"),
    ]
    assert [
        (t, {k: v for k, v in p.items() if k != "customer_id"})
        for t, p in await db.outbox(customer)
    ] == [
        (
            "credit.credit_limit_changed.v1",
            limit_changed(first["id"], None, "100000.00", "Opening limit"),
        ),
        (
            "credit.credit_limit_changed.v1",
            limit_changed(second["id"], "100000.00", "20000.00", "Lowered"),
        ),
    ]


async def test_an_increase_above_the_threshold_waits_for_a_second_credit_manager(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    await set_limit(client, auth_keys, customer, "50000.00", by="carla")
    asked = await set_limit(client, auth_keys, customer, "100000.01", by="carla", reason="Growth")

    assert (asked["status"], asked["effective_at"]) == ("pending_approval", None)
    assert (await profile(client, auth_keys, customer))["credit_limit"] == "50000.00"

    own = await client.post(
        f"/v1/credit-limits/{asked['id']}:approve",
        headers=auth_keys.auth("credit_manager", subject="carla"),
    )
    assert_problem(own, 403, "segregation-of-duties")
    assert len(await db.outbox(customer)) == 1

    approved = await client.post(
        f"/v1/credit-limits/{asked['id']}:approve",
        headers=auth_keys.auth("credit_manager", subject="dmitri"),
    )

    assert approved.status_code == 200, approved.text
    assert [approved.json()[f] for f in LIMIT_FIELDS] == [
        "100000.01",
        "50000.00",
        "active",
        "carla",
        "dmitri",
    ]
    assert (await profile(client, auth_keys, customer))["credit_limit"] == "100000.01"
    events = await db.outbox(customer)
    assert events[-1][0] == "credit.credit_limit_changed.v1"
    assert events[-1][1]["previous_limit"] == "50000.00"
    assert events[-1][1]["credit_limit"] == "100000.01"
    again = await client.post(
        f"/v1/credit-limits/{asked['id']}:approve",
        headers=auth_keys.auth("credit_manager", subject="erin"),
    )
    assert_problem(again, 409, "credit-limit-not-pending")


async def test_the_threshold_is_configured_per_currency(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await registered_customer(delivery, currency="JPY")

    within = await set_limit(client, auth_keys, customer, "15000000")
    above = await set_limit(client, auth_keys, customer, "15000001")

    assert (within["status"], above["status"]) == ("active", "pending_approval")


@pytest.mark.parametrize("role", ["accountant", "collector", "auditor", "cashier", "service"])
async def test_only_a_credit_manager_sets_limits(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, role: str
) -> None:
    customer = await registered_customer(delivery)

    response = await client.post(
        f"/v1/customers/{customer}/credit-limits",
        json={"amount": "10.00", "reason": "x"},
        headers=auth_keys.auth(role),
    )

    assert_problem(response, 403, "forbidden")


@pytest.mark.parametrize(
    ("body", "status", "slug", "field"),
    [
        ({"amount": "-1.00", "reason": "r"}, 422, "invalid-amount", "amount"),
        ({"amount": "10.001", "reason": "r"}, 422, "invalid-amount", "amount"),
        ({"amount": "ten", "reason": "r"}, 422, "validation-error", "amount"),
        ({"amount": "10.00", "reason": ""}, 422, "validation-error", "reason"),
        (
            {"amount": "10.00", "currency": "USD", "reason": "r"},
            422,
            "currency-mismatch",
            "currency",
        ),
    ],
)
async def test_a_bad_limit_is_refused_naming_the_field_and_changes_nothing(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    db: ServiceDb,
    body: dict[str, str],
    status: int,
    slug: str,
    field: str,
) -> None:
    customer = await registered_customer(delivery)
    before = await db.counts("credit_limits", "outbox")

    response = await client.post(
        f"/v1/customers/{customer}/credit-limits",
        json=body,
        headers=auth_keys.auth("credit_manager"),
    )

    assert_problem(response, status, slug, fields=[field])
    assert await db.counts("credit_limits", "outbox") == before


async def test_a_limit_for_an_unknown_customer_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post(
        "/v1/customers/nobody/credit-limits",
        json={"amount": "10.00", "reason": "r"},
        headers=auth_keys.auth("credit_manager"),
    )

    assert_problem(response, 404, "customer-not-found")
