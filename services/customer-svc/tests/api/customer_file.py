"""The customer file's API tests share these: one app per module, customers of their own.

Each feature folder's conftest.py makes the fixtures below its own.
"""

import itertools
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from stdnum.cn import uscc

from customer_svc.service import SPEC
from customer_svc.settings import Settings
from ledgerflow_platform.testing import KeyPair, ServiceDb, app_client, service_db

Register = Callable[..., Awaitable[httpx.Response]]
FILE_TABLES = (
    "customers",
    "customer_contacts",
    "customer_bank_accounts",
    "personal_data_access_log",
    "outbox",
)
_numbers = itertools.count(random.randrange(10**8))


def new_uscc() -> str:
    """A valid, never-used Chinese unified social credit code."""
    body = f"91110000{next(_numbers) % 10**9:09d}"
    return body + uscc.calc_check_digit(body)


@pytest.fixture(scope="module")
async def client(database_url: str, auth_keys: KeyPair) -> AsyncIterator[httpx.AsyncClient]:
    """One app per module: every test works on customers of its own, so none share state."""
    settings = Settings(database_url=database_url, auth_public_key=auth_keys.public_pem)
    async with app_client(SPEC, settings) as c:
        yield c


@pytest.fixture(scope="module")
async def db(database_url: str) -> AsyncIterator[ServiceDb]:
    async with service_db(database_url) as reader:
        yield reader


@pytest.fixture
def register(client: httpx.AsyncClient, auth_keys: KeyPair) -> Register:
    """POST /v1/customers as an accountant, with a minimal valid body unless told otherwise."""

    async def post(role: str = "accountant", **fields: Any) -> httpx.Response:
        # Many tests file the same company name; the duplicate-name rule has tests of its own.
        body = {
            "name": "Yangtze Components Co., Ltd.",
            "currency": "CNY",
            "payment_terms_days": 60,
            "allow_duplicate_name": True,
        }
        return await client.post(
            "/v1/customers", json={**body, **fields}, headers=auth_keys.auth(role)
        )

    return post


@pytest.fixture
async def customer(register: Register) -> dict[str, Any]:
    """A fresh Chinese customer with a tax id, so each test reads only its own records."""
    response = await register(country="CN", tax_id=new_uscc(), region="APAC")
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def add_to_file(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer_id: str,
    body: dict[str, Any],
    role: str,
    *,
    records: str,
) -> httpx.Response:
    """POST one record (contact, bank account) to a customer's file as the given role."""
    return await client.post(
        f"/v1/customers/{customer_id}/{records}", json=body, headers=auth_keys.auth(role)
    )


async def assert_refused_unwritten(
    db: ServiceDb, attempt: Callable[[], Awaitable[httpx.Response]], field: str, slug: str
) -> None:
    """The attempt is a 422 of this kind naming only this field, and no file table changed."""
    before = await db.counts(*FILE_TABLES)
    response = await attempt()
    assert response.status_code == 422, response.text
    assert response.json()["type"].endswith("/" + slug)
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await db.counts(*FILE_TABLES) == before
