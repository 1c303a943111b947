"""Payment plans (default policy: 3 days of grace): held while on track, completed by
payments, broken by the first run after a missed instalment's grace, which resumes dunning."""

from datetime import date
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem, service_db

from .ledger import Collections, Ledger

D = date
TWO_HALVES = [
    {"due_on": "2026-11-15", "amount": "300.00"},
    {"due_on": "2026-12-15", "amount": "300.00"},
]


async def in_arrears(delivery: EventDelivery, api: Collections) -> tuple[Ledger, str, str]:
    """A customer with one invoice of 600.00, due 2026-10-01, at level 2 since 2026-11-01."""
    ledger = Ledger(delivery)
    invoice = await ledger.issue("INV-PLAN", "600.00", due=D(2026, 10, 1))
    await ledger.overdue(invoice, "600.00", as_of=D(2026, 10, 2))
    await api.ran(D(2026, 11, 1))
    cases = await api.client.get(
        "/v1/cases", params={"customer_id": ledger.customer}, headers=api.headers
    )
    return ledger, invoice, cases.json()["items"][0]["id"]


async def agreed(api: Collections, case_id: str, **body: Any) -> httpx.Response:
    return await api.client.post(
        f"/v1/cases/{case_id}/payment-plans", json=body, headers=api.headers
    )


async def plan_events(database_url: str, customer: str) -> list[tuple[str, Any]]:
    async with service_db(database_url) as db:
        return [e for e in await db.outbox(customer) if "payment_plan" in e[0]]


async def test_a_plan_paid_in_full_is_completed_and_holds_its_invoice_meanwhile(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    api = Collections(client, auth_keys)
    ledger, invoice, case_id = await in_arrears(delivery, api)
    made = await agreed(api, case_id, invoice_ids=[invoice], instalments=TWO_HALVES)
    case = (await client.get(f"/v1/cases/{case_id}", headers=api.headers)).json()

    await ledger.pay(invoice, "300.00", open_after="300.00", on=D(2026, 11, 14))
    held = await api.lines(ledger.customer, await api.ran(D(2026, 11, 22)))
    halfway = await client.get(f"/v1/payment-plans/{made.json()['id']}", headers=api.headers)
    await ledger.pay(invoice, "300.00", open_after="0.00", on=D(2026, 12, 10))
    done = await client.get(f"/v1/payment-plans/{made.json()['id']}", headers=api.headers)

    assert made.status_code == 201, made.text
    assert case["status"] == "in_plan"
    assert held == []
    plan = made.json()
    assert plan == {
        "id": plan["id"],
        "case_id": case_id,
        "customer_id": ledger.customer,
        "status": "on_track",
        "currency": "EUR",
        "invoice_ids": [invoice],
        "instalments": [
            {"due_on": "2026-11-15", "amount": "300.00", "kept": False},
            {"due_on": "2026-12-15", "amount": "300.00", "kept": False},
        ],
        "total": "600.00",
        "paid": "0.00",
        "agreed_on": "2026-12-31",
        "grace_days": 3,
        "ended_on": None,
    }
    assert halfway.json()["instalments"][0]["kept"] is True
    assert (halfway.json()["status"], halfway.json()["paid"]) == ("on_track", "300.00")
    assert done.json() == {
        **plan,
        "status": "completed",
        "paid": "600.00",
        "instalments": [
            {"due_on": "2026-11-15", "amount": "300.00", "kept": True},
            {"due_on": "2026-12-15", "amount": "300.00", "kept": True},
        ],
        "ended_on": "2026-12-10",
    }
    assert await plan_events(database_url, ledger.customer) == [
        (
            "collections.payment_plan_agreed.v1",
            {
                "customer_id": ledger.customer,
                "plan_id": plan["id"],
                "case_id": case_id,
                "currency": "EUR",
                "invoice_ids": [invoice],
                "instalments": [
                    {"due_on": "2026-11-15", "amount": "300.00"},
                    {"due_on": "2026-12-15", "amount": "300.00"},
                ],
            },
        ),
        (
            "collections.payment_plan_ended.v1",
            {
                "customer_id": ledger.customer,
                "plan_id": plan["id"],
                "case_id": case_id,
                "outcome": "completed",
                "ended_on": "2026-12-10",
            },
        ),
    ]


async def test_a_missed_instalment_breaks_the_plan_after_grace_and_dunning_resumes_in_that_run(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    api = Collections(client, auth_keys)
    ledger, invoice, case_id = await in_arrears(delivery, api)
    plan = (await agreed(api, case_id, invoice_ids=[invoice], instalments=TWO_HALVES)).json()
    await ledger.pay(invoice, "100.00", open_after="500.00", on=D(2026, 11, 14))

    on_last_day = await api.lines(ledger.customer, await api.ran(D(2026, 11, 18)))
    after = await api.lines(ledger.customer, await api.ran(D(2026, 11, 25)))
    broken = (await client.get(f"/v1/payment-plans/{plan['id']}", headers=api.headers)).json()

    assert (on_last_day, after) == ([], [("INV-PLAN", 3, "500.00", 55)])
    assert (broken["status"], broken["paid"], broken["ended_on"]) == (
        "broken",
        "100.00",
        "2026-11-25",
    )
    assert [e[1].get("outcome") for e in await plan_events(database_url, ledger.customer)] == [
        None,
        "broken",
    ]


@pytest.mark.parametrize(
    ("body", "status", "slug", "field"),
    [
        (
            {"instalments": [{"due_on": "2026-11-15", "amount": "599.99"}]},
            422,
            "plan-does-not-add-up",
            "instalments",
        ),
        (
            {"instalments": [{"due_on": "2026-11-15", "amount": "-600.00"}]},
            422,
            "validation-error",
            "instalments.0.amount",
        ),
        (
            {"instalments": [TWO_HALVES[1], TWO_HALVES[0]]},
            422,
            "instalments-out-of-order",
            "instalments",
        ),
        ({"invoice_ids": ["no-such-invoice"]}, 422, "unknown-invoice", "invoice_ids"),
        ({"instalments": []}, 422, "validation-error", "instalments"),
        (
            {"instalments": [{"due_on": "2201-01-01", "amount": "600.00"}]},
            422,
            "validation-error",
            "instalments.0.due_on",
        ),
    ],
)
async def test_a_bad_plan_is_refused_naming_the_field_and_nothing_changes(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    database_url: str,
    body: dict[str, Any],
    status: int,
    slug: str,
    field: str,
) -> None:
    api = Collections(client, auth_keys)
    _, invoice, case_id = await in_arrears(delivery, api)

    response = await agreed(
        api, case_id, **{"invoice_ids": [invoice], "instalments": TWO_HALVES, **body}
    )

    assert_problem(response, status, slug, fields=[field])
    async with service_db(database_url) as db:
        assert await db.counts("payment_plans") == {"payment_plans": 0}


async def test_an_invoice_already_in_a_plan_on_track_is_not_planned_twice(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    api = Collections(client, auth_keys)
    _, invoice, case_id = await in_arrears(delivery, api)
    await agreed(api, case_id, invoice_ids=[invoice], instalments=TWO_HALVES)

    again = await agreed(api, case_id, invoice_ids=[invoice], instalments=TWO_HALVES)

    assert_problem(again, 409, "invoice-already-planned", fields=["invoice_ids"])
