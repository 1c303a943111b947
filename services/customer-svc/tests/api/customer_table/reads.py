"""What an import left on file, read back through the API as an accountant (clear values)."""

from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair


async def customer_by(client: httpx.AsyncClient, auth_keys: KeyPair, q: str) -> dict[str, Any]:
    found = await client.get("/v1/customers", params={"q": q}, headers=auth_keys.auth("admin"))
    [customer] = found.json()["items"]
    return dict(customer)


async def contacts_of(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str
) -> list[tuple[str, str | None, str | None, list[str]]]:
    url = f"/v1/customers/{customer_id}/contacts"
    items = (await client.get(url, headers=auth_keys.auth("admin"))).json()["items"]
    return [(c["name"], c["phone"], c["email"], c["roles"]) for c in items]


async def contracts_of(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str
) -> list[dict[str, Any]]:
    found = await client.get(
        "/v1/contracts", params={"customer_id": customer_id}, headers=auth_keys.auth("admin")
    )
    return list(found.json()["items"])
