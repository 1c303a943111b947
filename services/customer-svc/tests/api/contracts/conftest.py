from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb, service_db

CONTRACT_TABLES = ("contracts", "contract_versions", "contract_status_changes", "outbox")
NewContract = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[ServiceDb]:
    async with service_db(database_url) as reader:
        yield reader


@pytest.fixture
def contract_rows(db: ServiceDb) -> Callable[[], Awaitable[dict[str, int]]]:
    """Rows of every table a contract change writes: the same before and after = nothing written."""
    return lambda: db.counts(*CONTRACT_TABLES)


@pytest.fixture
async def customer_id(client: httpx.AsyncClient, auth_keys: KeyPair) -> str:
    """A fresh EUR customer on 30-day terms, so each test reads only its own contracts."""
    response = await client.post(
        "/v1/customers",
        json={
            "name": "Harbour Logistics GmbH",
            "currency": "EUR",
            "payment_terms_days": 30,
            "allow_duplicate_name": True,
        },
        headers=auth_keys.auth("admin"),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


@pytest.fixture
def signed_contract() -> dict[str, Any]:
    return {
        "number": "C-2025-0001",
        "project": "Harbour warehouse, phase 2",
        "signed_on": "2025-11-02",
        "total": "250000.00",
        "currency": "EUR",
        "payment_terms_days": 45,
        "payment_cycle": "monthly",
        "notes": "Call Mrs Weber before invoicing.",
        "status": "active",
    }


@pytest.fixture
def new_contract(client: httpx.AsyncClient, auth_keys: KeyPair) -> NewContract:
    """POST a contract for a customer; a unique number unless the body names one."""
    made = iter(range(1, 10_000))

    async def post(customer: str, body: dict[str, Any], **headers: str) -> httpx.Response:
        number = body.get("number", "C")
        body = {**body, "number": f"{number}-{customer[-12:]}-{next(made)}"}
        return await client.post(
            f"/v1/customers/{customer}/contracts",
            json=body,
            headers={**auth_keys.auth("accountant"), **headers},
        )

    return post


@pytest.fixture
async def signed(
    new_contract: Any, customer_id: str, signed_contract: dict[str, Any]
) -> httpx.Response:
    """The response that filed an active contract of 250000.00 EUR: version 1, its ETag."""
    response: httpx.Response = await new_contract(customer_id, signed_contract)
    assert response.status_code == 201, response.text
    return response
