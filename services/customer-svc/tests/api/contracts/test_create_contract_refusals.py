"""Contracts that are not filed: unknown customers, taken numbers, bad input, wrong roles."""

import asyncio
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb


async def test_a_contract_for_an_unknown_customer_is_refused_naming_customer_id(
    new_contract: Any, db: ServiceDb, contract_rows: Any
) -> None:
    before = (await contract_rows(), await db.counts("event_streams"))
    response = await new_contract("no-such-customer", {"project": "P", "total": "10.00"})

    assert response.status_code == 404
    assert response.json()["errors"] == [
        {"field": "customer_id", "message": "No customer with id no-such-customer."}
    ]
    assert (await contract_rows(), await db.counts("event_streams")) == before


async def test_a_number_already_used_by_any_customer_is_refused_pointing_to_that_contract(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer_id: str,
    contract_rows: Any,
) -> None:
    headers = auth_keys.auth("admin")
    other = await client.post(
        "/v1/customers",
        json={
            "name": "Other AG",
            "currency": "EUR",
            "payment_terms_days": 10,
            "allow_duplicate_name": True,
        },
        headers=headers,
    )
    number = f"dup-{customer_id}"
    body = {"number": number, "project": "P", "total": "10.00"}
    first = await client.post(f"/v1/customers/{customer_id}/contracts", json=body, headers=headers)
    before = await contract_rows()
    taken = await client.post(
        f"/v1/customers/{other.json()['id']}/contracts",
        json={**body, "number": f"  {number.upper()} "},
        headers=headers,
    )

    assert taken.status_code == 409
    assert taken.json()["type"].endswith("/contract-number-taken")
    assert first.json()["id"] in taken.json()["detail"]
    assert taken.json()["errors"][0]["field"] == "number"
    assert await contract_rows() == before


async def test_a_closed_customer_gets_no_new_contract(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer_id: str,
    new_contract: Any,
    db: ServiceDb,
    contract_rows: Any,
) -> None:
    headers = auth_keys.auth("admin")
    closed = await client.post(
        f"/v1/customers/{customer_id}/status",
        json={"status": "closed", "reason": "Account ended"},
        headers=headers,
    )
    assert closed.status_code == 200, closed.text
    before = (await contract_rows(), await db.counts("event_streams"))

    response = await new_contract(customer_id, {"project": "P", "total": "10.00"})

    assert response.status_code == 409
    assert response.json()["type"].endswith("/customer-closed")
    assert (await contract_rows(), await db.counts("event_streams")) == before


BAD_INPUT = [
    ({"total": 250000.5}, "total"),
    ({"total": "12.345"}, "total"),
    ({"total": "0"}, "total"),
    ({"total": "-1.00"}, "total"),
    ({"total": "1e5"}, "total"),
    ({"total": "100000000000000.00"}, "total"),
    ({"currency": "ABC"}, "currency"),
    ({"currency": "eur"}, "currency"),
    ({"payment_terms_days": 400}, "payment_terms_days"),
    ({"payment_terms_days": "thirty"}, "payment_terms_days"),
    ({"number": ""}, "number"),
    ({"number": "C 1; DROP"}, "number"),
    ({"project": "   "}, "project"),
    ({"signed_on": "2025-02-30"}, "signed_on"),
    ({"status": "completed"}, "status"),
    ({"status": "active", "signed_on": None}, "signed_on"),
    ({"paid": "10.00"}, "paid"),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUT)
async def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer_id: str,
    signed_contract: dict[str, Any],
    contract_rows: Any,
    change: dict[str, Any],
    field: str,
) -> None:
    before = await contract_rows()
    response = await client.post(
        f"/v1/customers/{customer_id}/contracts",
        json={**signed_contract, **change},
        headers=auth_keys.auth("accountant"),
    )

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]
    assert await contract_rows() == before


@pytest.mark.parametrize(
    ("role", "status"), [("cashier", 403), ("auditor", 403), ("collector", 403)]
)
async def test_only_accountants_admins_and_services_file_contracts(
    new_contract: Any, auth_keys: KeyPair, customer_id: str, role: str, status: int
) -> None:
    response = await new_contract(
        customer_id, {"project": "P", "total": "1.00"}, **auth_keys.auth(role)
    )
    assert response.status_code == status


async def test_filing_a_contract_needs_a_token(client: httpx.AsyncClient, customer_id: str) -> None:
    response = await client.post(
        f"/v1/customers/{customer_id}/contracts", json={"number": "X", "project": "P", "total": "1"}
    )
    assert response.status_code == 401


async def test_two_customers_racing_for_one_number_get_one_contract_and_one_409(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str, db: ServiceDb
) -> None:
    headers = auth_keys.auth("admin")
    other = await client.post(
        "/v1/customers",
        json={
            "name": "Rival AG",
            "currency": "EUR",
            "payment_terms_days": 10,
            "allow_duplicate_name": True,
        },
        headers=headers,
    )
    body = {"number": f"RACE-{customer_id}", "project": "P", "total": "1.00"}
    responses = await asyncio.gather(
        *(
            client.post(f"/v1/customers/{c}/contracts", json=body, headers=headers)
            for c in (customer_id, other.json()["id"])
        )
    )
    assert sorted(r.status_code for r in responses) == [201, 409]
    [(count,)] = await db.rows("SELECT count(*) FROM contracts WHERE number = :n", n=body["number"])
    assert count == 1
