from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb

from ..customer_file import Register


async def move(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer_id: str,
    status: str,
    role: str = "credit_manager",
) -> httpx.Response:
    return await client.post(
        f"/v1/customers/{customer_id}/status",
        json={"status": status, "reason": f"to {status}"},
        headers=auth_keys.auth(role),
    )


async def test_a_prospect_is_activated_suspended_reactivated_and_closed(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register, db: ServiceDb
) -> None:
    customer = (await register(status="prospect")).json()

    for status in ("active", "suspended", "active", "closed"):
        response = await move(client, auth_keys, customer["id"], status)
        assert (response.status_code, response.json()["status"]) == (200, status)

    assert response.headers["ETag"] == '"5"'
    moves = [
        (p["from_status"], p["to_status"], p["reason"])
        for t, p in await db.outbox(customer["id"])
        if t == "customer.status_changed.v1"
    ]
    assert moves == [
        ("prospect", "active", "to active"),
        ("active", "suspended", "to suspended"),
        ("suspended", "active", "to active"),
        ("active", "closed", "to closed"),
    ]


@pytest.mark.parametrize(
    ("path", "refused"), [(["closed"], "active"), ([], "suspended"), (["active"], "prospect")]
)
async def test_moves_outside_the_lifecycle_are_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register, path: list[str], refused: str
) -> None:
    customer = (await register(status="prospect")).json()
    for status in path:
        assert (await move(client, auth_keys, customer["id"], status)).status_code == 200

    response = await move(client, auth_keys, customer["id"], refused)

    assert response.status_code == 409
    assert response.json()["type"].endswith("/illegal-status-transition")
    assert response.json()["errors"][0]["field"] == "status"


async def test_a_closed_customer_file_can_no_longer_change(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    await move(client, auth_keys, customer["id"], "closed")
    headers = {**auth_keys.auth("accountant"), "If-Match": "*"}

    patched = await client.patch(
        f"/v1/customers/{customer['id']}", json={"region": "EMEA"}, headers=headers
    )
    contact = await client.post(
        f"/v1/customers/{customer['id']}/contacts", json={"name": "Li Wei"}, headers=headers
    )

    assert (patched.status_code, contact.status_code) == (409, 409)
    assert patched.json()["type"].endswith("/customer-closed")


async def test_a_stale_if_match_on_a_status_move_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    response = await client.post(
        f"/v1/customers/{customer['id']}/status",
        json={"status": "suspended", "reason": "dispute"},
        headers={**auth_keys.auth("admin"), "If-Match": '"7"'},
    )
    assert response.status_code == 412


async def test_a_reason_is_required(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    response = await client.post(
        f"/v1/customers/{customer['id']}/status",
        json={"status": "suspended", "reason": " "},
        headers=auth_keys.auth("admin"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"


async def test_a_cashier_may_not_suspend_a_customer(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    assert (
        await move(client, auth_keys, customer["id"], "suspended", role="cashier")
    ).status_code == 403
