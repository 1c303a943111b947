from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair, ServiceDb


def amending(auth_keys: KeyPair, etag: str, **more: str) -> dict[str, str]:
    return {**auth_keys.auth("accountant"), "If-Match": etag, **more}


async def test_an_amendment_makes_version_two_and_keeps_version_one_readable(
    client: httpx.AsyncClient, auth_keys: KeyPair, signed: httpx.Response, db: ServiceDb
) -> None:
    contract_id = signed.json()["id"]
    response = await client.post(
        f"/v1/contracts/{contract_id}/amendments",
        json={"total": "275000.50", "payment_cycle": "quarterly", "notes": None, "reason": "Scope"},
        headers=amending(auth_keys, signed.headers["ETag"]),
    )

    assert response.status_code == 201, response.text
    amended = response.json()
    assert response.headers["ETag"] == '"2-active"'
    assert (amended["version"], amended["total"], amended["payment_cycle"]) == (
        2,
        "275000.50",
        "quarterly",
    )
    first, second = amended["versions"]
    assert (first["version"], first["total"], first["notes"], first["reason"]) == (
        1,
        "250000.00",
        "Call Mrs Weber before invoicing.",
        None,
    )
    assert (second["changed_fields"], second["reason"], second["notes"]) == (
        ["total", "payment_cycle", "notes"],
        "Scope",
        None,
    )
    old = await client.get(
        f"/v1/contracts/{contract_id}/versions/1", headers=auth_keys.auth("cashier")
    )
    assert old.json()["total"] == "250000.00"
    listed = await client.get(
        f"/v1/contracts/{contract_id}/versions", headers=auth_keys.auth("auditor")
    )
    assert [v["total"] for v in listed.json()["items"]] == ["250000.00", "275000.50"]
    [*_, (event_type, payload)] = await db.outbox(signed.json()["customer_id"])
    assert event_type == "customer.contract_amended.v1"
    assert payload["contract_version"] == 2
    assert payload["changed_fields"] == ["total", "payment_cycle", "notes"]
    assert (payload["total"], payload["currency"]) == ("275000.50", "EUR")
    assert "notes" not in payload
    assert "reason" not in payload


async def test_if_match_star_and_a_list_holding_the_current_etag_are_accepted(
    client: httpx.AsyncClient, auth_keys: KeyPair, signed: httpx.Response
) -> None:
    url = f"/v1/contracts/{signed.json()['id']}/amendments"
    star = await client.post(
        url, json={"project": "A", "reason": "r"}, headers=amending(auth_keys, "*")
    )
    listed = await client.post(
        url,
        json={"project": "B", "reason": "r"},
        headers=amending(auth_keys, '"1-draft", "2-active"'),
    )
    assert (star.status_code, listed.status_code) == (201, 201)
    assert listed.json()["version"] == 3


async def test_a_retried_amendment_with_the_same_key_makes_one_version(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    signed: httpx.Response,
    contract_rows: Any,
) -> None:
    url = f"/v1/contracts/{signed.json()['id']}/amendments"
    headers = amending(
        auth_keys, signed.headers["ETag"], **{"Idempotency-Key": signed.json()["id"]}
    )
    first = await client.post(url, json={"total": "3.00", "reason": "r"}, headers=headers)
    before = await contract_rows()
    again = await client.post(url, json={"total": "3.00", "reason": "r"}, headers=headers)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert await contract_rows() == before


async def test_amending_a_draft_is_kept_but_not_announced(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    new_contract: Any,
    customer_id: str,
    db: ServiceDb,
) -> None:
    draft = await new_contract(customer_id, {"project": "P", "total": "10.00"})
    response = await client.post(
        f"/v1/contracts/{draft.json()['id']}/amendments",
        json={"signed_on": "2025-11-03", "reason": "Signed copy received"},
        headers=amending(auth_keys, draft.headers["ETag"]),
    )
    assert response.status_code == 201
    assert response.headers["ETag"] == '"2-draft"'
    assert [t for t, _ in await db.outbox(customer_id) if ".contract_" in t] == []
