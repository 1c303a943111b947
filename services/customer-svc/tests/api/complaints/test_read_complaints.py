from typing import Any

import httpx
from sqlalchemy import text

from ledgerflow_platform.testing import KeyPair, ServiceDb


async def handle(
    client: httpx.AsyncClient, auth_keys: KeyPair, complaint_id: str, step: str, **body: Any
) -> None:
    response = await client.post(
        f"/v1/complaints/{complaint_id}/{step}", json=body, headers=auth_keys.auth("admin")
    )
    assert response.status_code == 200, response.text


async def test_complaints_are_filtered_by_customer_status_and_assignee(
    client: httpx.AsyncClient, auth_keys: KeyPair, record: Any, customer_id: str
) -> None:
    ids = [(await record(customer_id)).json()["id"] for _ in range(3)]
    await handle(client, auth_keys, ids[1], "assignment", assignee="li.wei")
    await handle(client, auth_keys, ids[2], "resolution", resolution="ok")
    headers = auth_keys.auth("auditor")

    async def listed(**params: str) -> list[str]:
        response = await client.get(
            "/v1/complaints", params={"customer_id": customer_id, **params}, headers=headers
        )
        return [c["id"] for c in response.json()["items"]]

    assert await listed() == ids
    assert await listed(status="open") == [ids[0]]
    assert await listed(status="assigned", assignee="li.wei") == [ids[1]]
    assert await listed(status="resolved") == [ids[2]]
    bad = await client.get("/v1/complaints", params={"status": "closed"}, headers=headers)
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "status")


async def test_complaints_are_read_page_by_page(
    client: httpx.AsyncClient, auth_keys: KeyPair, record: Any, customer_id: str
) -> None:
    ids = [(await record(customer_id)).json()["id"] for _ in range(3)]
    first = (
        await client.get(
            "/v1/complaints",
            params={"customer_id": customer_id, "limit": 2},
            headers=auth_keys.auth("admin"),
        )
    ).json()
    rest = (
        await client.get(
            "/v1/complaints",
            params={"customer_id": customer_id, "limit": 2, "cursor": first["next_cursor"]},
            headers=auth_keys.auth("admin"),
        )
    ).json()
    assert [c["id"] for c in first["items"] + rest["items"]] == ids
    assert rest["next_cursor"] is None


async def test_stats_count_and_time_the_complaints_received_in_the_window(
    client: httpx.AsyncClient, auth_keys: KeyPair, record: Any, customer_id: str
) -> None:
    day = "2025-03-0"
    quick = (await record(customer_id, received_at=f"{day}1T08:00:00Z")).json()["id"]
    slow = (await record(customer_id, received_at=f"{day}2T08:00:00Z", severity="low")).json()["id"]
    waiting = (
        await record(customer_id, received_at=f"{day}3T23:59:59Z", category="delivery")
    ).json()["id"]
    await record(customer_id, received_at=f"{day}4T00:00:00Z")
    await handle(
        client, auth_keys, quick, "resolution", resolution="ok", resolved_at=f"{day}1T09:00:00Z"
    )
    await handle(
        client, auth_keys, slow, "assignment", assignee="li", assigned_at=f"{day}2T10:00:00Z"
    )
    await handle(
        client, auth_keys, slow, "resolution", resolution="ok", resolved_at=f"{day}4T08:00:00Z"
    )
    await handle(
        client, auth_keys, waiting, "assignment", assignee="li", assigned_at=f"{day}4T00:29:59Z"
    )

    response = await client.get(
        "/v1/complaints/stats",
        params={"from": "2025-03-01", "to": "2025-03-03"},
        headers=auth_keys.auth("auditor"),
    )

    assert response.status_code == 200, response.text
    stats = response.json()
    assert (stats["from"], stats["to"], stats["received"]) == ("2025-03-01", "2025-03-03", 3)
    assert stats["by_status"] == {"open": 0, "assigned": 1, "resolved": 2}
    assert stats["by_category"]["billing"] == 2
    assert stats["by_category"]["delivery"] == 1
    assert stats["by_severity"] == {"low": 1, "medium": 0, "high": 2, "critical": 0}
    # Responses: 3600 s, 7200 s, 1800 s; resolutions: 3600 s and 172800 s.
    assert stats["response_time"] == {"count": 3, "average_seconds": 4200, "median_seconds": 3600}
    assert stats["resolution_time"] == {
        "count": 2,
        "average_seconds": 88200,
        "median_seconds": 88200,
    }


async def test_a_window_ending_before_it_starts_is_refused_naming_to(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get(
        "/v1/complaints/stats",
        params={"from": "2025-03-02", "to": "2025-03-01"},
        headers=auth_keys.auth("admin"),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "to", "message": "to (2025-03-01) is before from (2025-03-02)."}
    ]
    bad_date = await client.get(
        "/v1/complaints/stats", params={"from": "March"}, headers=auth_keys.auth("admin")
    )
    assert (bad_date.status_code, bad_date.json()["errors"][0]["field"]) == (422, "from")


async def test_cashiers_and_services_do_not_read_complaints(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    for role in ("cashier", "service"):
        assert (await client.get("/v1/complaints", headers=auth_keys.auth(role))).status_code == 403
        assert (
            await client.get("/v1/complaints/stats", headers=auth_keys.auth(role))
        ).status_code == 403


async def test_times_follow_the_rows_as_stored(
    client: httpx.AsyncClient, auth_keys: KeyPair, complaint_id: str, db: ServiceDb
) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE complaints SET status = 'assigned', assignee = 'x', "
                "assigned_at = received_at + interval '61 seconds', "
                "first_response_at = received_at + interval '61 seconds' WHERE id = :q"
            ),
            {"q": complaint_id},
        )
    read = (
        await client.get(f"/v1/complaints/{complaint_id}", headers=auth_keys.auth("admin"))
    ).json()
    assert (read["response_time_seconds"], read["resolution_time_seconds"]) == (61, None)
