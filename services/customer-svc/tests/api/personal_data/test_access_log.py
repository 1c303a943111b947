from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

from ..customer_file import Register, new_uscc


async def log_of(
    client: httpx.AsyncClient, auth_keys: KeyPair, role: str = "auditor", **params: Any
) -> list[dict[str, Any]]:
    response = await client.get("/v1/access-log", params=params, headers=auth_keys.auth(role))
    assert response.status_code == 200, response.text
    return [{k: v for k, v in e.items() if k not in ("id", "at")} for e in response.json()["items"]]


async def test_reading_a_tax_id_in_clear_is_logged_exactly(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    url = f"/v1/customers/{customer['id']}"
    await client.get(url, headers=auth_keys.auth("credit_manager", subject="carol"))

    assert await log_of(client, auth_keys, customer_id=customer["id"]) == [
        {
            "subject": "carol",
            "roles": ["credit_manager"],
            "customer_id": customer["id"],
            "fields": ["tax_id"],
            "record_ids": [customer["id"]],
            "purpose": "GET /v1/customers/{customer_id}",
        }
    ]


@pytest.mark.parametrize("role", ["cashier", "auditor", "service"])
async def test_masked_reads_are_not_disclosures(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any], role: str
) -> None:
    await client.get(f"/v1/customers/{customer['id']}", headers=auth_keys.auth(role))
    await client.get(f"/v1/customers/{customer['id']}/contacts", headers=auth_keys.auth(role))
    assert await log_of(client, auth_keys, customer_id=customer["id"]) == []


async def test_a_file_without_personal_values_discloses_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register
) -> None:
    bare = (await register()).json()
    await client.get(f"/v1/customers/{bare['id']}", headers=auth_keys.auth("admin"))
    assert await log_of(client, auth_keys, customer_id=bare["id"]) == []


async def test_listing_contacts_logs_the_fields_and_contacts_shown(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    url = f"/v1/customers/{customer['id']}/contacts"
    writer = auth_keys.auth("admin")
    reached = (
        await client.post(url, json={"name": "Li Wei", "phone": "13800138000"}, headers=writer)
    ).json()
    named = (await client.post(url, json={"name": "Zhang Min"}, headers=writer)).json()

    await client.get(url, headers=auth_keys.auth("collector", subject="colin"))

    assert await log_of(client, auth_keys, role="admin", subject="colin") == [
        {
            "subject": "colin",
            "roles": ["collector"],
            "customer_id": customer["id"],
            "fields": ["contact.name", "contact.phone"],
            "record_ids": sorted([reached["id"], named["id"]]),
            "purpose": "GET /v1/customers/{customer_id}/contacts",
        }
    ]


async def test_a_search_logs_one_entry_per_customer_whose_tax_id_it_showed(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register
) -> None:
    tax_id = new_uscc()
    found = (await register(name="Searched Ltd", country="CN", tax_id=tax_id)).json()

    await client.get(
        "/v1/customers", params={"q": tax_id}, headers=auth_keys.auth("accountant", subject="sam")
    )

    assert await log_of(client, auth_keys, subject="sam") == [
        {
            "subject": "sam",
            "roles": ["accountant"],
            "customer_id": found["id"],
            "fields": ["tax_id"],
            "record_ids": [found["id"]],
            "purpose": "GET /v1/customers",
        }
    ]


async def test_the_log_is_filtered_by_time_and_read_newest_first_page_by_page(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    start = datetime.now(UTC) - timedelta(seconds=1)
    for _ in range(3):
        await client.get(
            f"/v1/customers/{customer['id']}", headers=auth_keys.auth("admin", subject="pat")
        )
    page = await client.get(
        "/v1/access-log",
        params={"subject": "pat", "from": start.isoformat(), "limit": 2},
        headers=auth_keys.auth("auditor"),
    )
    rest = await client.get(
        "/v1/access-log",
        params={
            "subject": "pat",
            "from": start.isoformat(),
            "limit": 2,
            "cursor": page.json()["next_cursor"],
        },
        headers=auth_keys.auth("auditor"),
    )
    later = await log_of(
        client, auth_keys, subject="pat", **{"from": datetime.now(UTC).isoformat()}
    )
    earlier = await log_of(client, auth_keys, subject="pat", to=start.isoformat())

    ids = [e["id"] for e in page.json()["items"] + rest.json()["items"]]
    assert len(ids) == 3
    assert ids == sorted(ids, reverse=True)
    assert rest.json()["next_cursor"] is None
    assert (later, earlier) == ([], [])


@pytest.mark.parametrize("role", ["cashier", "accountant", "collector", "service"])
async def test_only_auditors_and_admins_read_the_log(
    client: httpx.AsyncClient, auth_keys: KeyPair, role: str
) -> None:
    assert (await client.get("/v1/access-log", headers=auth_keys.auth(role))).status_code == 403


async def test_a_time_without_zone_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get(
        "/v1/access-log?from=2026-01-01T00:00:00", headers=auth_keys.auth("auditor")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "from"


async def test_a_service_reads_only_dunning_recipients_emails_in_clear_and_is_logged(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    url = f"/v1/customers/{customer['id']}/contacts"
    writer = auth_keys.auth("admin")
    dunned = (
        await client.post(
            url,
            json={
                "name": "Li Wei",
                "phone": "13800138000",
                "email": "li.wei@acme.example",
                "roles": ["dunning_recipient"],
            },
            headers=writer,
        )
    ).json()
    billing = (
        await client.post(
            url,
            json={"name": "Zhang Min", "email": "zhang.min@acme.example", "roles": ["billing"]},
            headers=writer,
        )
    ).json()

    read = await client.get(url, headers=auth_keys.auth("service", subject="collections"))

    shown = {c["id"]: (c["name"], c["phone"], c["email"]) for c in read.json()["items"]}
    assert shown == {
        dunned["id"]: ("L* W**", "+86 *** **00", "li.wei@acme.example"),
        billing["id"]: ("Z**** M**", None, "z***@acme.example"),
    }
    assert await log_of(client, auth_keys, subject="collections") == [
        {
            "subject": "collections",
            "roles": ["service"],
            "customer_id": customer["id"],
            "fields": ["contact.email"],
            "record_ids": [dunned["id"]],
            "purpose": "GET /v1/customers/{customer_id}/contacts",
        }
    ]
