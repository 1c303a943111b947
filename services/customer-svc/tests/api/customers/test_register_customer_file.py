import json
import re
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb

from ..customer_file import FILE_TABLES, Register, new_uscc

BILLING = {
    "lines": ["88 Century Avenue", "Floor 12"],
    "city": "Shanghai",
    "postal_code": "200120",
    "country": "cn",
}


async def test_a_full_customer_file_is_registered_and_read_back(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register
) -> None:
    tax_id = new_uscc()
    created = await register(
        code="yz-001",
        status="prospect",
        country="cn",
        tax_id=f"{tax_id[:6]} {tax_id[6:]}",
        industry="Electronics",
        region="APAC",
        billing_address=BILLING,
        segments=["Key-Account", "cn", "cn"],
    )
    assert created.status_code == 201, created.text

    read = await client.get(
        f"/v1/customers/{created.json()['id']}", headers=auth_keys.auth("accountant")
    )

    assert read.headers["ETag"] == '"1"'
    body = read.json()
    assert {k: v for k, v in body.items() if k not in ("id", "registered_at", "updated_at")} == {
        "code": "YZ-001",
        "name": "Yangtze Components Co., Ltd.",
        "currency": "CNY",
        "payment_terms_days": 60,
        "status": "prospect",
        "country": "CN",
        "tax_id": tax_id,
        "industry": "Electronics",
        "region": "APAC",
        "billing_address": {**BILLING, "country": "CN"},
        "shipping_address": None,
        "segments": ["cn", "key-account"],
        "parent_id": None,
        "version": 1,
    }


async def test_the_registration_response_masks_the_tax_id(register: Register) -> None:
    tax_id = new_uscc()
    created = await register(country="CN", tax_id=tax_id)
    assert created.json()["tax_id"] == "****" + tax_id[-4:]


async def test_a_customer_without_a_code_gets_the_next_generated_one(register: Register) -> None:
    first, second = (await register()).json()["code"], (await register()).json()["code"]
    assert re.fullmatch(r"C\d{6}", first)
    assert int(second[1:]) == int(first[1:]) + 1


async def test_a_registration_with_a_profile_announces_it_without_personal_data(
    register: Register, db: ServiceDb
) -> None:
    tax_id = new_uscc()
    created = (await register(country="CN", tax_id=tax_id, industry="Electronics")).json()

    [(registered, first), (updated, payload)] = await db.outbox(created["id"])

    assert (registered, updated) == (
        "customer.customer_registered.v1",
        "customer.profile_updated.v1",
    )
    assert payload["changed_fields"] == ["code", "country", "industry", "tax_id"]
    assert (payload["code"], payload["country"], payload["industry"]) == (
        created["code"],
        "CN",
        "Electronics",
    )
    assert tax_id not in json.dumps(payload)
    assert {k: v for k, v in first.items() if k != "registered_at"} == {
        "customer_id": created["id"],
        "name": "Yangtze Components Co., Ltd.",
        "currency": "CNY",
        "payment_terms_days": 60,
        "code": created["code"],
        "country": "CN",
        "industry": "Electronics",
        "region": None,
        "segments": None,
    }
    assert tax_id not in json.dumps(first)


async def test_a_duplicate_tax_id_is_refused_pointing_at_the_existing_customer(
    register: Register, db: ServiceDb
) -> None:
    tax_id = new_uscc()
    first = (await register(country="CN", tax_id=tax_id)).json()
    before = await db.counts(*FILE_TABLES)

    again = await register(name="Yangtze Components (copy)", country="CN", tax_id=tax_id.lower())

    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["type"].endswith("/duplicate-tax-id")
    assert again.json()["existing_customer_id"] == first["id"]
    assert again.json()["errors"] == [
        {"field": "tax_id", "message": "Another customer has this tax id."}
    ]
    assert await db.counts(*FILE_TABLES) == before


async def test_a_taken_code_is_refused_pointing_at_its_holder(register: Register) -> None:
    first = (await register(code="TAKEN-1")).json()
    again = await register(code="taken-1")
    assert again.status_code == 409
    assert again.json()["existing_customer_id"] == first["id"]


BAD_INPUT: list[tuple[dict[str, Any], int, str, str]] = [
    ({"country": "CN", "tax_id": "91110000600037341X"}, 422, "tax_id", "invalid-tax-id"),
    ({"country": "DE", "tax_id": "DE136695977"}, 422, "tax_id", "invalid-tax-id"),
    ({"tax_id": "91110000600037341L"}, 422, "country", "tax-id-needs-country"),
    ({"country": "ZZ"}, 422, "country", "unknown-country"),
    ({"country": "DEU"}, 422, "country", "validation-error"),
    (
        {"billing_address": {**BILLING, "country": "XX"}},
        422,
        "billing_address.country",
        "unknown-country",
    ),
    (
        {"billing_address": {**BILLING, "lines": []}},
        422,
        "billing_address.lines",
        "validation-error",
    ),
    ({"parent_id": "no-such-customer"}, 422, "parent_id", "unknown-parent-company"),
    ({"segments": ["key account"]}, 422, "segments", "invalid-segment"),
    ({"code": "A"}, 422, "code", "invalid-customer-code"),
    ({"code": "ÄÖ-1"}, 422, "code", "invalid-customer-code"),
    ({"status": "closed"}, 422, "status", "validation-error"),
    ({"payment_terms_days": 400}, 422, "payment_terms_days", "validation-error"),
    ({"currency": "ABC"}, 422, "currency", "unsupported-currency"),
]


@pytest.mark.parametrize(("fields", "status", "field", "slug"), BAD_INPUT)
async def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    register: Register, db: ServiceDb, fields: dict[str, Any], status: int, field: str, slug: str
) -> None:
    before = await db.counts(*FILE_TABLES)

    response = await register(**fields)

    assert response.status_code == status, response.text
    assert response.json()["type"].endswith("/" + slug)
    assert field in [e["field"] for e in response.json()["errors"]]
    assert await db.counts(*FILE_TABLES) == before
