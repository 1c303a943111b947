import base64
import json
import os
import re
from typing import Any

import httpx

from customer_svc.service import SPEC
from customer_svc.settings import Settings
from ledgerflow_platform.testing import KeyPair, ServiceDb, app_client

from ..customer_file import Register, new_uscc

SEALED = re.compile(r"dev:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+")


async def test_personal_values_are_stored_sealed_and_never_in_clear(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register, db: ServiceDb
) -> None:
    tax_id = new_uscc()
    headers = auth_keys.auth("admin")
    customer = (await register(country="CN", tax_id=tax_id)).json()
    contact = {
        "name": "Wang Fang",
        "phone": "+86 138 0013 8000",
        "email": "wang.fang@yangtze.example",
    }
    iban = "GB82WEST12345698765432"
    base = f"/v1/customers/{customer['id']}"
    assert (await client.post(f"{base}/contacts", json=contact, headers=headers)).status_code == 201
    assert (
        await client.post(f"{base}/bank-accounts", json={"iban": iban}, headers=headers)
    ).status_code == 201
    clear_values = [
        tax_id,
        "Wang Fang",
        "Wang",
        "8613800138000",
        "wang.fang",
        iban,
        "12345698765432",
    ]

    [(sealed_tax_id, tax_index)] = await db.rows(
        "SELECT tax_id_sealed, tax_id_index FROM customers WHERE id = :c", c=customer["id"]
    )
    [(name, phone, email)] = await db.rows(
        "SELECT name_sealed, phone_sealed, email_sealed FROM customer_contacts"
        " WHERE customer_id = :c",
        c=customer["id"],
    )
    [(sealed_iban, iban_index)] = await db.rows(
        "SELECT iban_sealed, iban_index FROM customer_bank_accounts WHERE customer_id = :c",
        c=customer["id"],
    )
    for sealed in (sealed_tax_id, name, phone, email, sealed_iban):
        assert SEALED.fullmatch(sealed)
    for index in (tax_index, iban_index):
        assert re.fullmatch(r"[0-9a-f]{64}", index)
    stored: list[Any] = [sealed_tax_id, tax_index, name, phone, email, sealed_iban, iban_index]
    stored += await db.rows("SELECT response FROM idempotency_keys WHERE key LIKE 'at-rest-%'")
    stored += [payload for _, payload in await db.outbox(customer["id"])]
    dump = json.dumps(stored, default=str).lower()
    assert [value for value in clear_values if value.lower() in dump] == []


async def test_the_same_value_is_sealed_differently_each_time(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any], db: ServiceDb
) -> None:
    url = f"/v1/customers/{customer['id']}/contacts"
    for _ in range(2):
        await client.post(url, json={"name": "Li Wei"}, headers=auth_keys.auth("admin"))
    rows = await db.rows(
        "SELECT name_sealed FROM customer_contacts WHERE customer_id = :c", c=customer["id"]
    )
    assert len({name for (name,) in rows}) == 2


async def test_values_are_sealed_under_the_active_key_of_the_service_settings(
    database_url: str, auth_keys: KeyPair, db: ServiceDb
) -> None:
    key = base64.b64encode(os.urandom(32)).decode()
    settings = Settings(
        database_url=database_url,
        auth_public_key=auth_keys.public_pem,
        env="production",
        pii_keys={"2026-11": key},
        pii_active_key="2026-11",
        pii_index_key=key,
    )
    body = {
        "name": "Keyed Ltd",
        "currency": "EUR",
        "payment_terms_days": 30,
        "allow_duplicate_name": True,
    }
    async with app_client(SPEC, settings) as client:
        created = await client.post(
            "/v1/customers",
            json={**body, "country": "CN", "tax_id": new_uscc()},
            headers=auth_keys.auth("admin"),
        )
    [(token,)] = await db.rows(
        "SELECT tax_id_sealed FROM customers WHERE id = :c", c=created.json()["id"]
    )
    assert token.startswith("2026-11:")
