"""Holds: placed and released automatically as their cause comes and goes, or by hand."""

from datetime import UTC, date, datetime
from typing import Any

import httpx

from ledgerflow_events.contracts.collections import CaseClosed, Escalated
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb, assert_problem

from ..conftest import Clock
from .credit_steps import invoice, new_id, overdue, paid, profile, registered_customer, set_limit


def facts(events: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, str, bool | None]]:
    """The hold events, as (type, reason, on_hold after a release)."""
    return [
        (t.removeprefix("credit.").removesuffix(".v1"), p["reason"], p.get("on_hold"))
        for t, p in events
        if t.startswith("credit.hold_")
    ]


def escalated(customer: str, escalation: str) -> Escalated:
    return Escalated(
        customer_id=customer,
        case_id="case-1",
        escalation=escalation,
        level=3,
        invoice_ids=[],
        escalated_on=date(2026, 11, 20),
    )


async def test_exposure_beyond_the_tolerance_holds_and_a_payment_releases(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    await set_limit(client, auth_keys, customer, "1000.00")
    first = invoice(customer, "1000.00")
    await delivery.deliver(first)
    # 1,100.00 is the limit plus its 10% tolerance: referred, not yet held.
    await delivery.deliver(invoice(customer, "100.00"))
    assert (await profile(client, auth_keys, customer))["on_hold"] is False

    await delivery.deliver(invoice(customer, "0.01"))

    held = await profile(client, auth_keys, customer)
    assert (held["on_hold"], [h["reason"] for h in held["holds"]]) == (True, ["over_limit"])
    assert held["holds"][0]["placed_by"] == "credit-control"
    await delivery.deliver(paid(first))
    assert (await profile(client, auth_keys, customer))["on_hold"] is False
    assert facts(await db.outbox(customer)) == [
        ("hold_placed", "over_limit", None),
        ("hold_released", "over_limit", False),
    ]


async def test_a_raised_limit_lifts_the_over_limit_hold(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    await delivery.deliver(invoice(customer, "2000.00"))
    await set_limit(client, auth_keys, customer, "1000.00")
    assert (await profile(client, auth_keys, customer))["on_hold"] is True

    await set_limit(client, auth_keys, customer, "1900.00")

    assert (await profile(client, auth_keys, customer))["on_hold"] is False
    assert facts(await db.outbox(customer)) == [
        ("hold_placed", "over_limit", None),
        ("hold_released", "over_limit", False),
    ]


async def test_lateness_beyond_the_tolerance_holds_until_the_late_invoice_is_paid(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    db: ServiceDb,
    clock: Clock,
) -> None:
    customer = await registered_customer(delivery)
    late = invoice(customer, "300.00")
    await delivery.deliver(late)
    await delivery.deliver(overdue(late))
    # Due 31 October: 30 days late on 30 November is within the tolerance, 31 days is not.
    clock.now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    await set_limit(client, auth_keys, customer, "5000.00")
    assert (await profile(client, auth_keys, customer))["on_hold"] is False
    clock.now = datetime(2026, 12, 1, 8, tzinfo=UTC)
    await set_limit(client, auth_keys, customer, "5000.00", reason="Reviewed")
    held = await profile(client, auth_keys, customer)
    assert [h["reason"] for h in held["holds"]] == ["overdue_beyond_tolerance"]

    await delivery.deliver(paid(late, paid_on=date(2026, 12, 2)))

    assert (await profile(client, auth_keys, customer))["on_hold"] is False
    assert facts(await db.outbox(customer)) == [
        ("hold_placed", "overdue_beyond_tolerance", None),
        ("hold_released", "overdue_beyond_tolerance", False),
    ]


async def test_stop_supply_holds_once_until_the_case_closes(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer, event_id = await registered_customer(delivery), new_id()
    assert await delivery.deliver(escalated(customer, "legal")) is Outcome.APPLIED
    assert (await profile(client, auth_keys, customer))["on_hold"] is False

    await delivery.deliver(escalated(customer, "stop_supply"), event_id=event_id)
    again = await delivery.deliver(escalated(customer, "stop_supply"), event_id=event_id)
    await delivery.deliver(escalated(customer, "stop_supply"))

    assert again is Outcome.DUPLICATE
    held = await profile(client, auth_keys, customer)
    assert [h["reason"] for h in held["holds"]] == ["stop_supply"]
    await delivery.deliver(
        CaseClosed(customer_id=customer, case_id="case-1", closed_on=date(2026, 12, 3))
    )
    assert (await profile(client, auth_keys, customer))["on_hold"] is False
    assert facts(await db.outbox(customer)) == [
        ("hold_placed", "stop_supply", None),
        ("hold_released", "stop_supply", False),
    ]


async def test_a_manual_hold_is_released_only_by_hand(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    await delivery.deliver(escalated(customer, "stop_supply"))
    manager = auth_keys.auth("credit_manager", subject="carla")

    placed = await client.post(
        f"/v1/customers/{customer}/holds", json={"reason": "Ownership change"}, headers=manager
    )

    assert placed.status_code == 201, placed.text
    hold = placed.json()
    assert {k: hold[k] for k in ("customer_id", "reason", "note", "placed_by", "released_at")} == {
        "customer_id": customer,
        "reason": "manual",
        "note": "Ownership change",
        "placed_by": "carla",
        "released_at": None,
    }
    await delivery.deliver(
        CaseClosed(customer_id=customer, case_id="case-1", closed_on=date(2026, 12, 3))
    )
    still = await profile(client, auth_keys, customer)
    assert [h["id"] for h in still["holds"]] == [hold["id"]]

    released = await client.post(
        f"/v1/holds/{hold['id']}:release", json={"reason": "Guarantee received"}, headers=manager
    )

    assert released.status_code == 200, released.text
    assert (released.json()["released_by"], released.json()["release_note"]) == (
        "carla",
        "Guarantee received",
    )
    assert (await profile(client, auth_keys, customer))["on_hold"] is False
    twice = await client.post(
        f"/v1/holds/{hold['id']}:release", json={"reason": "again"}, headers=manager
    )
    assert_problem(twice, 409, "hold-already-released")
    assert facts(await db.outbox(customer)) == [
        ("hold_placed", "stop_supply", None),
        ("hold_placed", "manual", None),
        ("hold_released", "stop_supply", True),
        ("hold_released", "manual", False),
    ]


async def test_an_automatic_hold_cannot_be_released_by_hand(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    await delivery.deliver(escalated(customer, "stop_supply"))
    [hold] = (await profile(client, auth_keys, customer))["holds"]
    before = await db.counts("credit_holds", "outbox")

    response = await client.post(
        f"/v1/holds/{hold['id']}:release",
        json={"reason": "Try"},
        headers=auth_keys.auth("credit_manager"),
    )

    assert_problem(response, 409, "hold-released-automatically")
    assert await db.counts("credit_holds", "outbox") == before


async def test_holds_are_placed_by_credit_managers_only_and_for_known_customers(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await registered_customer(delivery)
    before = await db.counts("credit_holds", "outbox")

    for role in ("accountant", "collector", "auditor", "cashier", "service"):
        refused = await client.post(
            f"/v1/customers/{customer}/holds", json={"reason": "r"}, headers=auth_keys.auth(role)
        )
        assert_problem(refused, 403, "forbidden")
    unknown = await client.post(
        "/v1/customers/nobody/holds", json={"reason": "r"}, headers=auth_keys.auth("credit_manager")
    )
    blank = await client.post(
        f"/v1/customers/{customer}/holds",
        json={"reason": " "},
        headers=auth_keys.auth("credit_manager"),
    )

    assert_problem(unknown, 404, "customer-not-found")
    assert_problem(blank, 422, "validation-error", fields=["reason"])
    assert await db.counts("credit_holds", "outbox") == before
