from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb

TABLES = ("complaints", "outbox")
RECEIVED = "2025-10-05T08:00:00Z"


async def act(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    complaint_id: str,
    step: str,
    role: str = "collector",
    **body: Any,
) -> httpx.Response:
    return await client.post(
        f"/v1/complaints/{complaint_id}/{step}",
        json=body,
        headers=auth_keys.auth(role, subject="li.wei"),
    )


async def test_response_and_resolution_times_are_measured_from_the_stored_timestamps(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    complaint_id: str,
    customer_id: str,
    db: ServiceDb,
) -> None:
    assigned = await act(
        client,
        auth_keys,
        complaint_id,
        "assignment",
        assignee="li.wei",
        assigned_at="2025-10-05T09:30:00Z",
    )
    reassigned = await act(
        client,
        auth_keys,
        complaint_id,
        "assignment",
        assignee="bo.chen",
        assigned_at="2025-10-05T12:00:00Z",
    )
    resolved = await act(
        client,
        auth_keys,
        complaint_id,
        "resolution",
        role="credit_manager",
        resolution="Credit note CN-7 issued to Mr Novak.",
        resolved_at="2025-10-07T08:00:01Z",
    )

    assert (assigned.status_code, reassigned.status_code, resolved.status_code) == (200, 200, 200)
    assert reassigned.json()["first_response_at"] == "2025-10-05T09:30:00Z"
    done = (
        await client.get(f"/v1/complaints/{complaint_id}", headers=auth_keys.auth("auditor"))
    ).json()
    assert {k: done[k] for k in ("status", "assignee", "resolved_by", "resolved_at")} == {
        "status": "resolved",
        "assignee": "bo.chen",
        "resolved_by": "li.wei",
        "resolved_at": "2025-10-07T08:00:01Z",
    }
    assert (done["response_time_seconds"], done["resolution_time_seconds"]) == (5400, 172801)
    [(_, payload)] = [e for e in await db.outbox(customer_id) if "complaint_resolved" in e[0]]
    assert payload == {
        "customer_id": customer_id,
        "complaint_id": complaint_id,
        "channel": "phone",
        "category": "billing",
        "severity": "high",
        "received_at": RECEIVED,
        "first_response_at": "2025-10-05T09:30:00Z",
        "resolved_at": "2025-10-07T08:00:01Z",
        "response_time_seconds": 5400,
        "resolution_time_seconds": 172801,
    }


async def test_no_complaint_text_ever_reaches_an_event(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    complaint_id: str,
    customer_id: str,
    db: ServiceDb,
) -> None:
    await act(
        client, auth_keys, complaint_id, "resolution", resolution="Refunded Mr Novak by phone"
    )
    payloads = str([p for t, p in await db.outbox(customer_id) if ".complaint_" in t])
    assert "Novak" not in payloads
    assert "1234567" not in payloads


@pytest.mark.parametrize(
    ("step", "body", "status", "field"),
    [
        ("assignment", {"assignee": "  "}, 422, "assignee"),
        ("assignment", {}, 422, "assignee"),
        (
            "assignment",
            {"assignee": "li", "assigned_at": "2025-10-05T07:59:59Z"},
            422,
            "assigned_at",
        ),
        (
            "assignment",
            {"assignee": "li", "assigned_at": "2999-01-01T00:00:00Z"},
            422,
            "assigned_at",
        ),
        ("resolution", {"resolution": ""}, 422, "resolution"),
        (
            "resolution",
            {"resolution": "ok", "resolved_at": "2025-10-04T00:00:00Z"},
            422,
            "resolved_at",
        ),
        (
            "resolution",
            {"resolution": "ok", "resolved_at": "2025-10-06T00:00:00"},
            422,
            "resolved_at",
        ),
    ],
)
async def test_a_bad_step_is_refused_naming_the_field_and_changes_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    complaint_id: str,
    db: ServiceDb,
    step: str,
    body: dict[str, Any],
    status: int,
    field: str,
) -> None:
    before = await db.rows("SELECT * FROM complaints WHERE id = :q", q=complaint_id)
    counts = await db.counts(*TABLES)
    response = await act(client, auth_keys, complaint_id, step, **body)
    assert response.status_code == status, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await db.rows("SELECT * FROM complaints WHERE id = :q", q=complaint_id) == before
    assert await db.counts(*TABLES) == counts


async def test_a_resolved_complaint_is_neither_reassigned_nor_resolved_again(
    client: httpx.AsyncClient, auth_keys: KeyPair, complaint_id: str, db: ServiceDb
) -> None:
    await act(client, auth_keys, complaint_id, "resolution", resolution="done")
    before = await db.counts(*TABLES)
    again = await act(client, auth_keys, complaint_id, "resolution", resolution="again")
    reassigned = await act(client, auth_keys, complaint_id, "assignment", assignee="bo")
    assert (again.status_code, reassigned.status_code) == (409, 409)
    assert again.json()["type"].endswith("/complaint-resolved")
    assert await db.counts(*TABLES) == before


async def test_an_unknown_complaint_is_404(client: httpx.AsyncClient, auth_keys: KeyPair) -> None:
    response = await act(client, auth_keys, "nope", "assignment", assignee="li")
    read = await client.get("/v1/complaints/nope", headers=auth_keys.auth("auditor"))
    assert (response.status_code, read.status_code) == (404, 404)


@pytest.mark.parametrize(
    ("role", "status"), [("auditor", 403), ("cashier", 403), ("accountant", 200)]
)
async def test_auditors_read_complaints_but_do_not_handle_them(
    client: httpx.AsyncClient, auth_keys: KeyPair, complaint_id: str, role: str, status: int
) -> None:
    response = await act(client, auth_keys, complaint_id, "assignment", role=role, assignee="li")
    assert response.status_code == status
