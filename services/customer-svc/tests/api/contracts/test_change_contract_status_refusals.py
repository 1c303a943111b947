"""Status changes that are refused: illegal transitions, missing facts, stale ETags, roles."""

from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair


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


@pytest.mark.parametrize(
    ("path", "to"),
    [
        ([], "completed"),
        ([], "draft"),
        (["active"], "active"),
        (["active"], "draft"),
        (["active", "completed"], "active"),
        (["active", "completed"], "terminated"),
        (["active", "terminated"], "active"),
    ],
)
async def test_an_illegal_transition_is_refused_with_409_and_changes_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    new_contract: Any,
    customer_id: str,
    contract_rows: Any,
    path: list[str],
    to: str,
) -> None:
    draft = await new_contract(
        customer_id, {"project": "P", "total": "1.00", "signed_on": "2025-11-02"}
    )
    for status in path:
        done = await move(client, auth_keys, draft.json()["id"], {"status": status, "reason": "r"})
        assert done.status_code == 200, done.text
    before = await contract_rows()

    refused = await move(client, auth_keys, draft.json()["id"], {"status": to, "reason": "r"})

    assert refused.status_code == 409
    assert refused.json()["type"].endswith("/illegal-contract-transition")
    assert refused.json()["errors"][0]["field"] == "status"
    assert await contract_rows() == before


@pytest.mark.parametrize(
    ("created", "body", "field"),
    [
        ({"signed_on": None}, {"status": "active"}, "signed_on"),
        ({}, {"status": "terminated"}, "reason"),
        ({}, {"status": "active", "effective_on": "2025-11-01"}, "effective_on"),
        ({}, {"status": "cancelled"}, "status"),
        ({}, {"status": "active", "effective_on": "soon"}, "effective_on"),
    ],
)
async def test_a_bad_status_change_is_refused_naming_the_field(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    new_contract: Any,
    customer_id: str,
    contract_rows: Any,
    created: dict[str, Any],
    body: dict[str, Any],
    field: str,
) -> None:
    draft = await new_contract(
        customer_id, {"project": "P", "total": "1.00", "signed_on": "2025-11-02", **created}
    )
    before = await contract_rows()
    response = await move(client, auth_keys, draft.json()["id"], body)
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await contract_rows() == before


async def test_a_status_change_on_a_stale_etag_gets_412(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    new_contract: Any,
    customer_id: str,
    contract_rows: Any,
) -> None:
    draft = await new_contract(
        customer_id, {"project": "P", "total": "1.00", "signed_on": "2025-11-02"}
    )
    await client.post(
        f"/v1/contracts/{draft.json()['id']}/amendments",
        json={"project": "Q", "reason": "r"},
        headers={**auth_keys.auth("admin"), "If-Match": draft.headers["ETag"]},
    )
    before = await contract_rows()
    response = await move(
        client,
        auth_keys,
        draft.json()["id"],
        {"status": "active"},
        **{"If-Match": draft.headers["ETag"]},
    )
    assert response.status_code == 412
    assert await contract_rows() == before


async def test_a_cashier_may_read_but_not_move_a_contract(
    client: httpx.AsyncClient, auth_keys: KeyPair, new_contract: Any, customer_id: str
) -> None:
    draft = await new_contract(
        customer_id, {"project": "P", "total": "1.00", "signed_on": "2025-11-02"}
    )
    cashier = auth_keys.auth("cashier")
    moved = await client.post(
        f"/v1/contracts/{draft.json()['id']}/status", json={"status": "active"}, headers=cashier
    )
    read = await client.get(f"/v1/contracts/{draft.json()['id']}", headers=cashier)
    assert (moved.status_code, read.status_code) == (403, 200)
    assert read.json()["status"] == "draft"
