from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair, ServiceDb


async def contract_events(db: ServiceDb, customer_id: str) -> list[tuple[str, dict[str, Any]]]:
    return [e for e in await db.outbox(customer_id) if ".contract_" in e[0]]


async def move(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    contract_id: str,
    body: dict[str, Any],
    **headers: str,
) -> httpx.Response:
    return await client.post(
        f"/v1/contracts/{contract_id}/status",
        json=body,
        headers={**auth_keys.auth("accountant"), **headers},
    )


async def test_a_contract_is_signed_amended_and_completed_and_each_step_is_announced_in_order(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    new_contract: Any,
    customer_id: str,
    db: ServiceDb,
) -> None:
    draft = await new_contract(
        customer_id, {"project": "P", "total": "100.00", "signed_on": "2025-11-02"}
    )
    contract_id = draft.json()["id"]
    signed = await move(
        client, auth_keys, contract_id, {"status": "active", "effective_on": "2025-11-05"}
    )
    amended = await client.post(
        f"/v1/contracts/{contract_id}/amendments",
        json={"total": "120.00", "reason": "Extra scope"},
        headers={**auth_keys.auth("admin"), "If-Match": signed.headers["ETag"]},
    )
    completed = await move(
        client, auth_keys, contract_id, {"status": "completed", "effective_on": "2025-12-31"}
    )

    assert (signed.status_code, amended.status_code, completed.status_code) == (200, 201, 200)
    assert completed.headers["ETag"] == '"2-completed"'
    assert [
        (h["from_status"], h["to_status"], h["effective_on"])
        for h in completed.json()["status_history"]
    ] == [
        ("draft", "active", "2025-11-05"),
        ("active", "completed", "2025-12-31"),
    ]
    events = await contract_events(db, customer_id)
    assert [t for t, _ in events] == [
        "customer.contract_signed.v1",
        "customer.contract_amended.v1",
        "customer.contract_closed.v1",
    ]
    assert (events[0][1]["activated_on"], events[0][1]["total"]) == ("2025-11-05", "100.00")
    assert events[2][1] == {
        "customer_id": customer_id,
        "contract_id": contract_id,
        "number": draft.json()["number"],
        "contract_version": 2,
        "status": "completed",
        "closed_on": "2025-12-31",
        "currency": "EUR",
        "total": "120.00",
    }
    sequences = await db.rows(
        "SELECT sequence FROM outbox WHERE aggregateid = :c ORDER BY position", c=customer_id
    )
    assert [s for (s,) in sequences] == list(range(1, len(sequences) + 1))


async def test_an_abandoned_draft_is_terminated_without_an_announcement(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    new_contract: Any,
    customer_id: str,
    db: ServiceDb,
) -> None:
    draft = await new_contract(customer_id, {"project": "P", "total": "1.00"})
    response = await move(
        client, auth_keys, draft.json()["id"], {"status": "terminated", "reason": "Lost the tender"}
    )
    assert response.status_code == 200
    assert response.json()["status_history"][0]["reason"] == "Lost the tender"
    assert await contract_events(db, customer_id) == []
