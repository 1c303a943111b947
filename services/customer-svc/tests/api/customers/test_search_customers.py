import uuid
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

from ..customer_file import Register, new_uscc


async def search(client: httpx.AsyncClient, auth_keys: KeyPair, **params: Any) -> list[str]:
    response = await client.get("/v1/customers", params=params, headers=auth_keys.auth("auditor"))
    assert response.status_code == 200, response.text
    return [c["id"] for c in response.json()["items"]]


@pytest.fixture
async def marker() -> str:
    """A word only this test's customers carry, so searches see nothing else."""
    return uuid.uuid4().hex[:10]


async def test_customers_are_found_by_part_of_their_name_or_their_exact_code(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register, marker: str
) -> None:
    harbour = (await register(name=f"Harbour {marker} GmbH", code=f"H-{marker}")).json()
    (await register(name=f"Other {marker}_x")).json()

    assert await search(client, auth_keys, q=f"harbour {marker}") == [harbour["id"]]
    assert await search(client, auth_keys, q=f"h-{marker}") == [harbour["id"]]
    # LIKE wildcards in the query are taken literally
    assert await search(client, auth_keys, q=f"{marker}%") == []


async def test_customers_are_found_by_their_exact_tax_id_however_it_is_written(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register
) -> None:
    tax_id = new_uscc()
    chinese = (await register(country="CN", tax_id=tax_id)).json()
    german = (await register(country="DE", tax_id="DE 136 695 976")).json()

    assert await search(client, auth_keys, q=tax_id.lower()) == [chinese["id"]]
    assert await search(client, auth_keys, q=f"{tax_id[:9]}-{tax_id[9:]}") == [chinese["id"]]
    assert await search(client, auth_keys, q="DE136695976") == [german["id"]]
    assert await search(client, auth_keys, q="136695976") == [german["id"]]
    assert await search(client, auth_keys, q=tax_id[:-1]) == []


async def test_customers_are_filtered_by_segment_region_industry_and_status(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register, marker: str
) -> None:
    wholesale = (
        await register(
            name=f"W {marker}", segments=[marker, "cn"], region="APAC", industry="Wholesale"
        )
    ).json()
    prospect = (
        await register(name=f"P {marker}", segments=[marker], region="EMEA", status="prospect")
    ).json()

    assert await search(client, auth_keys, segment=marker) == [wholesale["id"], prospect["id"]]
    assert await search(client, auth_keys, segment=marker, region="apac") == [wholesale["id"]]
    assert await search(client, auth_keys, segment=marker, industry="WHOLESALE") == [
        wholesale["id"]
    ]
    assert await search(client, auth_keys, segment=marker, status="prospect") == [prospect["id"]]
    assert await search(client, auth_keys, q=marker, status="closed") == []


async def test_a_search_is_read_page_by_page(
    client: httpx.AsyncClient, auth_keys: KeyPair, register: Register, marker: str
) -> None:
    made = [(await register(name=f"Paged {marker} {n}")).json()["id"] for n in range(5)]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"q": marker, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (
            await client.get("/v1/customers", params=params, headers=auth_keys.auth("admin"))
        ).json()
        seen += [c["id"] for c in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break
    assert seen == made


async def test_an_unknown_status_filter_is_a_422(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get("/v1/customers?status=asleep", headers=auth_keys.auth("admin"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"
