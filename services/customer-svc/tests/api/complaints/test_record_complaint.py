from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb

TABLES = ("complaints", "outbox")


async def test_a_complaint_is_recorded_open_and_announced_without_its_description(
    record: Any, customer_id: str, db: ServiceDb
) -> None:
    response = await record(customer_id, received_at="2025-11-02T09:15:00+01:00")

    assert response.status_code == 201, response.text
    complaint = response.json()
    assert {k: complaint[k] for k in ("status", "received_at", "recorded_by", "assignee")} == {
        "status": "open",
        "received_at": "2025-11-02T08:15:00Z",
        "recorded_by": "tester",
        "assignee": None,
    }
    assert (complaint["response_time_seconds"], complaint["resolution_time_seconds"]) == (
        None,
        None,
    )
    [(event_type, payload)] = [e for e in await db.outbox(customer_id) if ".complaint_" in e[0]]
    assert event_type == "customer.complaint_opened.v1"
    assert payload == {
        "customer_id": customer_id,
        "complaint_id": complaint["id"],
        "channel": "phone",
        "category": "billing",
        "severity": "high",
        "received_at": "2025-11-02T08:15:00Z",
    }


async def test_a_retried_recording_with_the_same_key_records_one_complaint(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str, db: ServiceDb
) -> None:
    body = {
        "customer_id": customer_id,
        "channel": "email",
        "category": "delivery",
        "description": "Late",
    }
    headers = {**auth_keys.auth("accountant"), "Idempotency-Key": f"crm-{customer_id}"}
    first = await client.post("/v1/complaints", json=body, headers=headers)
    before = await db.counts(*TABLES)
    again = await client.post("/v1/complaints", json=body, headers=headers)
    assert again.json() == first.json()
    assert first.json()["severity"] == "medium"
    assert await db.counts(*TABLES) == before


async def test_a_complaint_about_an_unknown_customer_is_refused_naming_customer_id(
    record: Any, db: ServiceDb
) -> None:
    before = await db.counts(*TABLES, "event_streams")
    response = await record("no-such-customer")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "customer_id", "message": "No customer with id no-such-customer."}
    ]
    assert await db.counts(*TABLES, "event_streams") == before


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"channel": "fax"}, "channel"),
        ({"category": "Mr Novak is angry"}, "category"),
        ({"severity": "urgent"}, "severity"),
        ({"description": "   "}, "description"),
        ({"description": "x" * 5001}, "description"),
        ({"received_at": "2025-11-02T09:15:00"}, "received_at"),
        ({"received_at": "2999-01-01T00:00:00Z"}, "received_at"),
        ({"received_at": "yesterday"}, "received_at"),
        ({"customer_id": ""}, "customer_id"),
        ({"resolution": "done"}, "resolution"),
    ],
)
async def test_bad_input_is_refused_naming_the_field_and_records_nothing(
    record: Any, customer_id: str, db: ServiceDb, fields: dict[str, Any], field: str
) -> None:
    before = await db.counts(*TABLES)
    response = await record(customer_id, **fields)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]
    assert await db.counts(*TABLES) == before


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("accountant", 201),
        ("collector", 201),
        ("credit_manager", 201),
        ("admin", 201),
        ("cashier", 403),
        ("auditor", 403),
        ("service", 403),
    ],
)
async def test_who_may_record_complaints(
    record: Any, customer_id: str, role: str, status: int
) -> None:
    assert (await record(customer_id, role=role)).status_code == status


async def test_recording_a_complaint_needs_a_token(client: httpx.AsyncClient) -> None:
    assert (await client.post("/v1/complaints", json={})).status_code == 401
