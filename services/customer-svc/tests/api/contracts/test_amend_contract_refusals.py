"""Amendments that are refused: stale or missing ETags, bad terms, unknown contracts."""

from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, assert_problem


def amending(auth_keys: KeyPair, etag: str, **more: str) -> dict[str, str]:
    return {**auth_keys.auth("accountant"), "If-Match": etag, **more}


async def test_an_amendment_on_a_stale_etag_gets_412_and_changes_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    signed: httpx.Response,
    contract_rows: Any,
) -> None:
    url = f"/v1/contracts/{signed.json()['id']}/amendments"
    stale = signed.headers["ETag"]
    first = await client.post(
        url, json={"total": "1.00", "reason": "a"}, headers=amending(auth_keys, stale)
    )
    before = await contract_rows()
    second = await client.post(
        url, json={"total": "2.00", "reason": "b"}, headers=amending(auth_keys, stale)
    )

    assert first.status_code == 201
    assert second.status_code == 412
    assert second.json()["type"].endswith("/contract-changed")
    assert await contract_rows() == before
    current = await client.get(
        f"/v1/contracts/{signed.json()['id']}", headers=auth_keys.auth("admin")
    )
    assert (current.json()["version"], current.json()["total"]) == (2, "1.00")
    assert current.headers["ETag"] == first.headers["ETag"]


async def test_an_amendment_without_if_match_is_refused_with_428(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    signed: httpx.Response,
    contract_rows: Any,
) -> None:
    before = await contract_rows()
    response = await client.post(
        f"/v1/contracts/{signed.json()['id']}/amendments",
        json={"total": "1.00", "reason": "a"},
        headers=auth_keys.auth("accountant"),
    )
    assert response.status_code == 428
    assert await contract_rows() == before


async def test_an_if_match_that_is_no_etag_is_refused_with_400(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    signed: httpx.Response,
    contract_rows: Any,
) -> None:
    before = await contract_rows()
    response = await client.post(
        f"/v1/contracts/{signed.json()['id']}/amendments",
        json={"total": "1.00", "reason": "a"},
        headers=amending(auth_keys, signed.headers["ETag"].strip('"')),
    )
    assert_problem(response, 400, "invalid-if-match", fields=["If-Match"])
    assert await contract_rows() == before


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"total": "1.001", "reason": "r"}, 422, "total"),
        ({"currency": "USD", "reason": "r"}, 422, "total"),
        ({"total": None, "reason": "r"}, 422, "total"),
        ({"signed_on": None, "reason": "r"}, 422, "signed_on"),
        ({"number": "C-9", "reason": "r"}, 422, "number"),
        ({"status": "completed", "reason": "r"}, 422, "status"),
        ({"total": "5.00"}, 422, "reason"),
        ({"total": "5.00", "reason": "  "}, 422, "reason"),
        ({"payment_terms_days": -1, "reason": "r"}, 422, "payment_terms_days"),
        ({"total": "250000.00", "reason": "same"}, 422, None),
    ],
)
async def test_a_bad_amendment_is_refused_and_changes_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    signed: httpx.Response,
    contract_rows: Any,
    body: dict[str, Any],
    status: int,
    field: str | None,
) -> None:
    before = await contract_rows()
    response = await client.post(
        f"/v1/contracts/{signed.json()['id']}/amendments",
        json=body,
        headers=amending(auth_keys, signed.headers["ETag"]),
    )
    assert response.status_code == status, response.text
    assert [e["field"] for e in response.json().get("errors", [])] == ([field] if field else [])
    assert await contract_rows() == before


async def test_an_unknown_contract_is_404(client: httpx.AsyncClient, auth_keys: KeyPair) -> None:
    response = await client.post(
        "/v1/contracts/nope/amendments",
        json={"total": "1.00", "reason": "r"},
        headers=amending(auth_keys, '"1-draft"'),
    )
    assert response.status_code == 404
    assert response.json()["type"].endswith("/contract-not-found")
