import json
from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair, ServiceDb, assert_problem

from ..customer_file import FILE_TABLES, Register, new_uscc


async def patch(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer_id: str,
    body: dict[str, Any],
    etag: str | None,
) -> httpx.Response:
    headers = {**auth_keys.auth("accountant"), **({"If-Match": etag} if etag else {})}
    return await client.patch(f"/v1/customers/{customer_id}", json=body, headers=headers)


async def test_a_change_without_if_match_is_refused_with_428(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    response = await patch(client, auth_keys, customer["id"], {"region": "EMEA"}, None)
    assert response.status_code == 428
    assert response.json()["type"].endswith("/precondition-required")


async def test_a_change_to_a_version_since_replaced_is_refused_with_412_and_changes_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any], db: ServiceDb
) -> None:
    assert (
        await patch(client, auth_keys, customer["id"], {"region": "EMEA"}, '"1"')
    ).status_code == 200
    before = await db.counts(*FILE_TABLES)

    stale = await patch(client, auth_keys, customer["id"], {"region": "LATAM"}, '"1"')

    assert stale.status_code == 412
    assert (
        stale.json()["detail"]
        == f"Customer {customer['id']} is at version 2, not 1: read it again."
    )
    assert await db.counts(*FILE_TABLES) == before
    read = await client.get(f"/v1/customers/{customer['id']}", headers=auth_keys.auth("auditor"))
    assert (read.json()["region"], read.headers["ETag"]) == ("EMEA", '"2"')


async def test_a_malformed_if_match_is_a_400(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    response = await patch(client, auth_keys, customer["id"], {"region": "EMEA"}, "W/1")
    assert response.status_code == 400


async def test_if_match_may_name_several_versions_and_any_of_them_will_do(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    response = await patch(client, auth_keys, customer["id"], {"region": "EMEA"}, '"7", "1"')

    assert response.status_code == 200, response.text
    assert (response.json()["region"], response.headers["ETag"]) == ("EMEA", '"2"')


async def test_a_weak_etag_never_matches_and_changes_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any], db: ServiceDb
) -> None:
    before = await db.counts(*FILE_TABLES)

    response = await patch(client, auth_keys, customer["id"], {"region": "EMEA"}, 'W/"1"')

    assert_problem(response, 412, "stale-customer-file")
    assert response.json()["detail"] == f"Customer {customer['id']} is at version 1: read it again."
    assert await db.counts(*FILE_TABLES) == before


async def test_only_the_fields_sent_change_and_the_change_is_announced(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any], db: ServiceDb
) -> None:
    response = await patch(
        client,
        auth_keys,
        customer["id"],
        {"industry": "Machinery", "segments": ["Tier-1"], "region": "APAC"},
        '"1"',
    )

    assert response.status_code == 200
    assert response.headers["ETag"] == '"2"'
    assert (
        response.json()["industry"],
        response.json()["segments"],
        response.json()["country"],
    ) == (
        "Machinery",
        ["tier-1"],
        "CN",
    )
    (event_type, payload) = (await db.outbox(customer["id"]))[-1]
    assert event_type == "customer.profile_updated.v1"
    # region was sent but did not change
    assert payload["changed_fields"] == ["industry", "segments"]
    assert (payload["industry"], payload["segments"], payload["region"]) == (
        "Machinery",
        ["tier-1"],
        None,
    )


async def test_a_new_tax_id_is_announced_by_name_only(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any], db: ServiceDb
) -> None:
    tax_id = new_uscc()
    response = await patch(client, auth_keys, customer["id"], {"tax_id": tax_id}, '"1"')

    assert response.status_code == 200
    assert response.json()["tax_id"] == "****" + tax_id[-4:]
    (_, payload) = (await db.outbox(customer["id"]))[-1]
    assert payload["changed_fields"] == ["tax_id"]
    assert tax_id not in json.dumps(payload)


async def test_an_unchanged_file_keeps_its_version_and_announces_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any], db: ServiceDb
) -> None:
    events = len(await db.outbox(customer["id"]))
    response = await patch(
        client, auth_keys, customer["id"], {"region": "APAC", "currency": "CNY"}, '"1"'
    )
    assert (response.status_code, response.headers["ETag"]) == (200, '"1"')
    assert len(await db.outbox(customer["id"])) == events


async def test_null_empties_an_optional_field_but_not_a_required_one(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    emptied = await patch(client, auth_keys, customer["id"], {"region": None}, '"1"')
    refused = await patch(client, auth_keys, customer["id"], {"name": None}, '"2"')

    assert (emptied.status_code, emptied.json()["region"]) == (200, None)
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"field": "name", "message": "name cannot be emptied."}]


async def test_status_changes_only_through_its_own_endpoint(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    response = await patch(client, auth_keys, customer["id"], {"status": "closed"}, '"1"')
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"


async def test_moving_country_revalidates_the_tax_id_kept(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    response = await patch(client, auth_keys, customer["id"], {"country": "DE"}, '"1"')
    assert response.status_code == 422
    assert response.json()["type"].endswith("/invalid-tax-id")


async def test_the_tax_id_of_another_customer_is_refused_pointing_at_it(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register
) -> None:
    tax_id = new_uscc()
    holder = (await register(country="CN", tax_id=tax_id)).json()
    other = (await register(country="CN")).json()
    response = await patch(client, auth_keys, other["id"], {"tax_id": tax_id}, '"1"')
    assert response.status_code == 409
    assert response.json()["existing_customer_id"] == holder["id"]


async def test_a_company_cannot_become_the_parent_of_its_own_parent(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register
) -> None:
    group = (await register(name="Yangtze Holdings")).json()
    subsidiary = (await register(parent_id=group["id"])).json()
    branch = (await register(parent_id=subsidiary["id"])).json()

    response = await patch(client, auth_keys, group["id"], {"parent_id": branch["id"]}, '"1"')
    to_itself = await patch(client, auth_keys, group["id"], {"parent_id": group["id"]}, '"1"')

    assert response.status_code == 422
    assert response.json()["type"].endswith("/cyclic-parent-company")
    assert to_itself.status_code == 422
    assert branch["parent_id"] == subsidiary["id"]


async def test_a_cashier_may_not_change_a_customer_file(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    response = await client.patch(
        f"/v1/customers/{customer['id']}",
        json={"region": "EMEA"},
        headers=auth_keys.auth("cashier"),
    )
    assert response.status_code == 403


async def test_an_unknown_customer_is_a_404(client: httpx.AsyncClient, auth_keys: KeyPair) -> None:
    response = await patch(client, auth_keys, "no-such-customer", {"region": "EMEA"}, '"1"')
    assert response.status_code == 404
