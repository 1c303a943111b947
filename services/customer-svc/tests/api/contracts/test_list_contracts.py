from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair


async def test_contracts_are_filtered_by_customer_status_and_project(
    client: httpx.AsyncClient, auth_keys: KeyPair, new_contract: Any, customer_id: str
) -> None:
    signed = {"signed_on": "2025-11-02", "status": "active", "total": "1.00"}
    harbour = await new_contract(customer_id, {**signed, "project": "Harbour 100% rebuild"})
    await new_contract(customer_id, {"project": "Harbour annex", "total": "2.00"})
    await new_contract(customer_id, {**signed, "project": "Rail depot"})
    headers = auth_keys.auth("cashier")

    def listed(**params: str) -> Any:
        return client.get(
            "/v1/contracts", params={"customer_id": customer_id, **params}, headers=headers
        )

    every = (await listed()).json()["items"]
    active = (await listed(status="active")).json()["items"]
    harbours = (await listed(project="HARBOUR")).json()["items"]
    percent = (await listed(project="100%")).json()["items"]
    literal_percent = (await listed(project="%")).json()["items"]

    assert [c["project"] for c in every] == ["Harbour 100% rebuild", "Harbour annex", "Rail depot"]
    assert [c["project"] for c in active] == ["Harbour 100% rebuild", "Rail depot"]
    assert [c["project"] for c in harbours] == ["Harbour 100% rebuild", "Harbour annex"]
    assert [c["id"] for c in percent] == [harbour.json()["id"]]
    assert [c["id"] for c in literal_percent] == [harbour.json()["id"]]


async def test_contracts_are_listed_page_by_page_without_repeats(
    client: httpx.AsyncClient, auth_keys: KeyPair, new_contract: Any, customer_id: str
) -> None:
    made = [
        (await new_contract(customer_id, {"project": "P", "total": "1.00"})).json()["id"]
        for _ in range(5)
    ]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"customer_id": customer_id, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (
            await client.get("/v1/contracts", params=params, headers=auth_keys.auth("auditor"))
        ).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == made


async def test_a_bad_filter_or_cursor_is_a_clear_4xx(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    headers = auth_keys.auth("admin")
    bad_status = await client.get("/v1/contracts", params={"status": "signed"}, headers=headers)
    bad_cursor = await client.get("/v1/contracts", params={"cursor": "@@"}, headers=headers)
    bad_limit = await client.get("/v1/contracts", params={"limit": 0}, headers=headers)
    assert (bad_status.status_code, bad_cursor.status_code, bad_limit.status_code) == (
        422,
        422,
        422,
    )
    assert bad_status.json()["errors"][0]["field"] == "status"
    assert bad_cursor.json()["errors"][0]["field"] == "cursor"


async def test_unknown_contracts_and_versions_are_404(
    client: httpx.AsyncClient, auth_keys: KeyPair, new_contract: Any, customer_id: str
) -> None:
    headers = auth_keys.auth("admin")
    made = await new_contract(customer_id, {"project": "P", "total": "1.00"})
    missing = await client.get("/v1/contracts/nope", headers=headers)
    no_versions = await client.get("/v1/contracts/nope/versions", headers=headers)
    no_version = await client.get(f"/v1/contracts/{made.json()['id']}/versions/2", headers=headers)
    assert [r.status_code for r in (missing, no_versions, no_version)] == [404, 404, 404]
