from functools import partial
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb

from ..customer_file import add_to_file, assert_refused_unwritten

JANE = {
    "name": "Jane  Doe",
    "phone": "030 1234567",
    "email": "Jane.Doe@ACME.example",
    "roles": ["billing"],
}


@pytest.fixture
async def german(client: httpx.AsyncClient, auth_keys: KeyPair) -> dict[str, Any]:
    body = {
        "name": "Acme GmbH",
        "currency": "EUR",
        "payment_terms_days": 30,
        "allow_duplicate_name": True,
        "country": "DE",
    }
    response = await client.post("/v1/customers", json=body, headers=auth_keys.auth("admin"))
    created: dict[str, Any] = response.json()
    return created


add = partial(add_to_file, role="collector", records="contacts")


async def contacts(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str, role: str
) -> list[dict[str, Any]]:
    response = await client.get(
        f"/v1/customers/{customer_id}/contacts", headers=auth_keys.auth(role)
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_contact_is_kept_normalized_and_the_reply_is_masked(
    client: httpx.AsyncClient, auth_keys: KeyPair, german: dict[str, Any], db: ServiceDb
) -> None:
    response = await add(client, auth_keys, german["id"], JANE)

    assert response.status_code == 201, response.text
    assert {k: response.json()[k] for k in ("name", "phone", "email", "roles", "version")} == {
        "name": "J*** D**",
        "phone": "+49 *** **67",
        "email": "J***@acme.example",
        "roles": ["billing"],
        "version": 1,
    }
    [clear] = await contacts(client, auth_keys, german["id"], "accountant")
    assert (clear["name"], clear["phone"], clear["email"]) == (
        "Jane Doe",
        "+49301234567",
        "Jane.Doe@acme.example",
    )
    [(event_type, payload)] = (await db.outbox(german["id"]))[-1:]
    assert (event_type, payload["changed_fields"]) == ("customer.profile_updated.v1", ["contacts"])


@pytest.mark.parametrize("role", ["accountant", "credit_manager", "collector", "admin"])
async def test_roles_that_work_with_the_customer_see_contacts_in_clear(
    client: httpx.AsyncClient, auth_keys: KeyPair, german: dict[str, Any], role: str
) -> None:
    await add(client, auth_keys, german["id"], JANE)
    [seen] = await contacts(client, auth_keys, german["id"], role)
    assert (seen["name"], seen["phone"], seen["email"]) == (
        "Jane Doe",
        "+49301234567",
        "Jane.Doe@acme.example",
    )


@pytest.mark.parametrize("role", ["cashier", "auditor", "service"])
async def test_other_roles_see_contacts_masked(
    client: httpx.AsyncClient, auth_keys: KeyPair, german: dict[str, Any], role: str
) -> None:
    await add(client, auth_keys, german["id"], JANE)
    [seen] = await contacts(client, auth_keys, german["id"], role)
    assert (seen["name"], seen["phone"], seen["email"]) == (
        "J*** D**",
        "+49 *** **67",
        "J***@acme.example",
    )


BAD_CONTACTS = [
    ({"phone": "12"}, "phone", "invalid-phone-number"),
    ({"phone": "+49 30 12"}, "phone", "invalid-phone-number"),
    ({"email": "jane@"}, "email", "invalid-email"),
    ({"email": None}, "email", "contact-unreachable"),
    ({"roles": ["ceo"]}, "roles.0", "validation-error"),
    ({"name": ""}, "name", "validation-error"),
]


@pytest.mark.parametrize(("change", "field", "slug"), BAD_CONTACTS)
async def test_a_bad_contact_is_refused_naming_the_field_and_nothing_is_written(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    german: dict[str, Any],
    db: ServiceDb,
    change: dict[str, Any],
    field: str,
    slug: str,
) -> None:
    await assert_refused_unwritten(
        db, lambda: add(client, auth_keys, german["id"], {**JANE, **change}), field, slug
    )


async def test_naming_a_new_primary_contact_takes_the_role_from_the_old(
    client: httpx.AsyncClient, auth_keys: KeyPair, german: dict[str, Any]
) -> None:
    await add(client, auth_keys, german["id"], {"name": "Old Boss", "roles": ["primary"]})
    await add(
        client,
        auth_keys,
        german["id"],
        {"name": "New Boss", "roles": ["primary", "dunning_recipient"], "email": "nb@acme.example"},
    )

    seen = await contacts(client, auth_keys, german["id"], "admin")
    assert [(c["name"], c["roles"], c["version"]) for c in seen] == [
        ("Old Boss", [], 2),
        ("New Boss", ["dunning_recipient", "primary"], 1),
    ]


async def test_a_contact_is_corrected_at_the_version_read(
    client: httpx.AsyncClient, auth_keys: KeyPair, german: dict[str, Any]
) -> None:
    contact = (await add(client, auth_keys, german["id"], JANE)).json()
    url = f"/v1/customers/{german['id']}/contacts/{contact['id']}"
    headers = auth_keys.auth("accountant")
    etag = (await client.get(url, headers=headers)).headers["ETag"]

    missing = await client.patch(url, json={"phone": None}, headers=headers)
    changed = await client.patch(
        url,
        json={"phone": None, "roles": ["dunning_recipient"]},
        headers={**headers, "If-Match": etag},
    )
    stale = await client.patch(url, json={"name": "J. Doe"}, headers={**headers, "If-Match": etag})

    assert (missing.status_code, changed.status_code, stale.status_code) == (428, 200, 412)
    read = (await client.get(url, headers=headers)).json()
    assert (read["name"], read["phone"], read["email"], read["roles"], read["version"]) == (
        "Jane Doe",
        None,
        "Jane.Doe@acme.example",
        ["dunning_recipient"],
        2,
    )


async def test_a_contact_is_removed(
    client: httpx.AsyncClient, auth_keys: KeyPair, german: dict[str, Any]
) -> None:
    contact = (await add(client, auth_keys, german["id"], JANE)).json()
    url = f"/v1/customers/{german['id']}/contacts/{contact['id']}"

    assert (await client.delete(url, headers=auth_keys.auth("cashier"))).status_code == 403
    assert (await client.delete(url, headers=auth_keys.auth("accountant"))).status_code == 204
    assert (await client.delete(url, headers=auth_keys.auth("accountant"))).status_code == 404
    assert await contacts(client, auth_keys, german["id"], "admin") == []


async def test_contacts_of_an_unknown_customer_are_a_404(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await add(client, auth_keys, "no-such-customer", JANE)
    assert response.status_code == 404
