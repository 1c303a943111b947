"""The fault suite: one platform, faults in sequence, a bounded load of payments under each."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ledgerflow_devstack.stack import Stack
from ledgerflow_events.testing import eventually

from .agreement import SERVICES, Auditor, Book
from .figures import FIGURES, table

CUSTOMERS = 6
INVOICE_MINOR = 10_000_000  # 100,000.00 each: the load never pays one off
ISSUED = "2026-11-02"


@pytest.fixture(scope="module")
async def client() -> AsyncIterator[httpx.AsyncClient]:
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
    async with httpx.AsyncClient(timeout=15.0, limits=limits) as client:
        yield client


@pytest.fixture(scope="module")
async def book(platform: Stack, client: httpx.AsyncClient) -> Book:
    """Customers registered and invoiced, and every service agreeing on them, before any fault."""
    auth = {"Authorization": f"Bearer {platform.token('accountant', subject='fault-suite')}"}

    async def post(service: str, path: str, key: str, body: dict[str, Any]) -> Any:
        response = await client.post(
            platform.url(service) + path, json=body, headers={**auth, "Idempotency-Key": key}
        )
        assert response.status_code == 201, response.text
        return response.json()

    letters_before: dict[str, set[int]] = {}
    admin = {"Authorization": f"Bearer {platform.token('admin', subject='fault-suite')}"}
    for service in SERVICES:
        url = platform.url(service) + "/v1/admin/dead-letters"
        response = await client.get(url, headers=admin)
        letters_before[service] = {item["id"] for item in response.json()["items"]}
    run = uuid.uuid4().hex[:8]  # a platform kept between runs gets new customers each time
    customers = []
    for n in range(CUSTOMERS):
        body = {"name": f"Fault Suite {run} {n}", "currency": "EUR", "payment_terms_days": 30}
        customers.append((await post("customer", "/v1/customers", f"{run}-c{n}", body))["id"])
    for n, customer in enumerate(customers):

        async def ledger_knows(customer: str = customer) -> bool:
            url = f"{platform.url('ledger')}/v1/customers/{customer}/balance"
            return (await client.get(url, headers=auth)).status_code == 200

        await eventually(ledger_knows, within=60)
        line = {"description": "Annual supply", "quantity": "1", "unit_price": "100000.00"}
        body = {"customer_id": customer, "issue_date": ISSUED, "lines": [line]}
        await post("ledger", "/v1/invoices", f"{run}-i{n}", body)
    book = Book(customers, dict.fromkeys(customers, INVOICE_MINOR), [], letters_before)
    auditor = Auditor(platform, client)

    async def agreed() -> bool:
        return (await auditor.check(book)).holds

    await eventually(agreed, within=60)
    return book


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.section("fault suite figures")
        for line in table(FIGURES):
            terminalreporter.write_line(line)
