"""Working cases: assignment, the activity log, and collectors seeing only their own cases."""

from datetime import date
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem, service_db

from .ledger import Ledger

D = date
CALL = {
    "kind": "call",
    "outcome": "reached accounts payable; will pay on Friday",
    "occurred_at": "2026-12-03T09:30:00Z",
    "next_action_on": "2026-12-07",
    "note": "Ask for the remittance advice.",
}


async def a_case(delivery: EventDelivery, client: httpx.AsyncClient, keys: KeyPair) -> Any:
    ledger = Ledger(delivery)
    invoice = await ledger.issue("INV-W", "480.00", due=D(2026, 11, 30))
    await ledger.overdue(invoice, "480.00", as_of=D(2026, 12, 1))
    page = await client.get(
        "/v1/cases", params={"customer_id": ledger.customer}, headers=keys.auth("credit_manager")
    )
    return page.json()["items"][0]


async def assign(
    client: httpx.AsyncClient, keys: KeyPair, case_id: str, collector: str, role: str
) -> httpx.Response:
    return await client.post(
        f"/v1/cases/{case_id}:assign", json={"collector": collector}, headers=keys.auth(role)
    )


async def test_a_credit_manager_assigns_a_case_and_the_assignment_is_published_once(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    case = await a_case(delivery, client, auth_keys)

    first = await assign(client, auth_keys, case["id"], "colin", "credit_manager")
    again = await assign(client, auth_keys, case["id"], "colin", "admin")
    by_collector = await assign(client, auth_keys, case["id"], "colin", "collector")

    assert first.status_code == 200, first.text
    assert first.json() == {**case, "collector": "colin", "assigned_on": "2026-12-31"}
    assert again.json() == first.json()
    assert by_collector.status_code == 403
    async with service_db(database_url) as db:
        events = [e for e in await db.outbox(case["customer_id"]) if "case_" in e[0]]
    assert events == [
        (
            "collections.case_assigned.v1",
            {
                "customer_id": case["customer_id"],
                "case_id": case["id"],
                "collector": "colin",
                "assigned_on": "2026-12-31",
            },
        )
    ]


async def test_the_assigned_collector_logs_activities_and_reads_them_in_order(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    case = await a_case(delivery, client, auth_keys)
    await assign(client, auth_keys, case["id"], "colin", "credit_manager")
    colin = auth_keys.auth("collector", subject="colin")
    url = f"/v1/cases/{case['id']}/activities"

    call = await client.post(url, json=CALL, headers=colin)
    visit = await client.post(
        url,
        json={"kind": "visit", "outcome": "nobody in", "occurred_at": "2026-12-04T14:00:00+08:00"},
        headers=colin,
    )
    log = await client.get(url, headers=colin)

    assert (call.status_code, visit.status_code) == (201, 201), call.text
    assert [
        {k: v for k, v in a.items() if k not in ("id", "recorded_at")} for a in log.json()["items"]
    ] == [
        {**CALL, "case_id": case["id"], "recorded_by": "colin"},
        {
            "kind": "visit",
            "outcome": "nobody in",
            "occurred_at": "2026-12-04T06:00:00Z",
            "next_action_on": None,
            "note": "",
            "case_id": case["id"],
            "recorded_by": "colin",
        },
    ]
    async with service_db(database_url) as db:
        events = [e for e in await db.outbox(case["customer_id"]) if "activity" in e[0]]
    assert events == [
        (
            "collections.case_activity_recorded.v1",
            {
                "customer_id": case["customer_id"],
                "case_id": case["id"],
                "activity_id": call.json()["id"],
                "kind": "call",
                "occurred_at": "2026-12-03T09:30:00Z",
                "next_action_on": "2026-12-07",
                "collector": "colin",
            },
        ),
        (
            "collections.case_activity_recorded.v1",
            {
                "customer_id": case["customer_id"],
                "case_id": case["id"],
                "activity_id": visit.json()["id"],
                "kind": "visit",
                "occurred_at": "2026-12-04T06:00:00Z",
                "next_action_on": None,
                "collector": "colin",
            },
        ),
    ]


async def test_a_collector_sees_and_works_only_the_cases_assigned_to_them(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    colins = await a_case(delivery, client, auth_keys)
    unassigned = await a_case(delivery, client, auth_keys)
    await assign(client, auth_keys, colins["id"], "colin", "credit_manager")
    carla = auth_keys.auth("collector", subject="carla")
    colin = auth_keys.auth("collector", subject="colin")

    seen_by_colin = await client.get("/v1/cases", headers=colin)
    seen_by_carla = await client.get("/v1/cases", headers=carla)
    carla_reads = await client.get(f"/v1/cases/{colins['id']}", headers=carla)
    carla_logs = await client.post(f"/v1/cases/{colins['id']}/activities", json=CALL, headers=carla)
    carla_asks = await client.get("/v1/worklist", params={"collector": "colin"}, headers=carla)
    colin_logs_elsewhere = await client.post(
        f"/v1/cases/{unassigned['id']}/activities", json=CALL, headers=colin
    )
    promise = await client.post(
        f"/v1/cases/{colins['id']}/promises",
        json={"amount": "10.00", "currency": "EUR", "promised_on": "2026-12-31"},
        headers=carla,
    )

    assert [c["id"] for c in seen_by_colin.json()["items"]] == [colins["id"]]
    assert seen_by_carla.json()["items"] == []
    assert_problem(carla_reads, 404, "case-not-found")
    assert_problem(carla_logs, 404, "case-not-found")
    assert_problem(carla_asks, 403, "not-your-cases", fields=["collector"])
    assert_problem(colin_logs_elsewhere, 404, "case-not-found")
    assert_problem(promise, 404, "case-not-found")
    async with service_db(database_url) as db:
        assert await db.counts("case_activities", "promises") == {
            "case_activities": 0,
            "promises": 0,
        }


@pytest.mark.parametrize(
    ("change", "status", "slug", "field"),
    [
        ({"occurred_at": "2027-01-05T09:00:00Z"}, 422, "activity-in-the-future", "occurred_at"),
        ({"occurred_at": "2026-12-03T09:30:00"}, 422, "validation-error", "occurred_at"),
        ({"occurred_at": "1800-01-01T00:00:00Z"}, 422, "validation-error", "occurred_at"),
        ({"kind": "fax"}, 422, "validation-error", "kind"),
        ({"outcome": ""}, 422, "validation-error", "outcome"),
        ({"next_action_on": "2201-01-01"}, 422, "validation-error", "next_action_on"),
    ],
)
async def test_a_bad_activity_is_refused_naming_the_field_and_nothing_is_logged(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    database_url: str,
    change: dict[str, str],
    status: int,
    slug: str,
    field: str,
) -> None:
    case = await a_case(delivery, client, auth_keys)

    response = await client.post(
        f"/v1/cases/{case['id']}/activities",
        json={**CALL, **change},
        headers=auth_keys.auth("credit_manager"),
    )

    assert_problem(response, status, slug, fields=[field])
    async with service_db(database_url) as db:
        assert await db.counts("case_activities") == {"case_activities": 0}
