from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb, service_db

RECEIVED = "2025-10-05T08:00:00Z"
Record = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[ServiceDb]:
    async with service_db(database_url) as reader:
        yield reader


@pytest.fixture
async def customer_id(client: httpx.AsyncClient, auth_keys: KeyPair) -> str:
    """A fresh customer, so each test reads only its own complaints."""
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
def record(client: httpx.AsyncClient, auth_keys: KeyPair) -> Record:
    """POST a complaint for a customer as a collector; fields override a phone billing complaint."""

    async def post(customer: str, role: str = "collector", **fields: Any) -> httpx.Response:
        body = {
            "customer_id": customer,
            "channel": "phone",
            "category": "billing",
            "severity": "high",
            "description": "Mr Novak says invoice 123 charges the old price; call +49 30 1234567.",
            **fields,
        }
        return await client.post("/v1/complaints", json=body, headers=auth_keys.auth(role))

    return post


@pytest.fixture
async def complaint_id(record: Any, customer_id: str) -> str:
    """An open complaint received at 2025-10-05T08:00:00Z."""
    response = await record(customer_id, received_at=RECEIVED)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])
