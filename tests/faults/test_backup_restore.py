"""Back up a platform with a consumer behind, lose every database, restore: the books are
as they were, to the cent and the case, nothing applied twice, and new events flow."""

import asyncio
import shutil
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from ledgerflow_devstack.backup import backup, restore
from ledgerflow_devstack.stack import Stack
from ledgerflow_events.testing import eventually

from .agreement import Auditor

pytestmark = pytest.mark.e2e

AS_OF = "2026-11-25"
CUSTOMERS = 3


class Desk:
    """REST calls as the finance team makes them, each write with its Idempotency-Key."""

    def __init__(self, platform: Stack, client: httpx.AsyncClient) -> None:
        self.platform = platform
        self.client = client
        self.auditor = Auditor(platform, client)
        self.auth = {"Authorization": f"Bearer {platform.token('admin', subject='backup')}"}

    async def post(self, service: str, path: str, body: dict[str, Any]) -> Any:
        headers = {**self.auth, "Idempotency-Key": uuid.uuid4().hex}
        url = self.platform.url(service) + path
        response = await self.client.post(url, json=body, headers=headers)
        assert response.status_code in (200, 201, 202), response.text
        return response.json()

    async def customer(self, n: int) -> str:
        name = f"Backup Customer {n} {uuid.uuid4().hex[:6]}"
        body = {"name": name, "currency": "EUR", "payment_terms_days": 30}
        customer: str = (await self.post("customer", "/v1/customers", body))["id"]

        async def ledger_knows() -> bool:
            try:
                await self.auditor.get("ledger", f"/v1/customers/{customer}/balance")
            except LookupError:
                return False
            return True

        await eventually(ledger_knows, within=60)
        return customer

    async def invoice(self, customer: str, issued: str, amount: str) -> None:
        line = {"description": "Goods", "quantity": "1", "unit_price": amount}
        body = {"customer_id": customer, "issue_date": issued, "lines": [line]}
        await self.post("ledger", "/v1/invoices", body)

    async def pay(self, customer: str, amount: str) -> None:
        body = {"customer_id": customer, "amount": amount, "currency": "EUR"}
        await self.post("ledger", "/v1/payments", {**body, "received_on": "2026-11-20"})

    async def books(self, customers: list[str]) -> dict[str, Any]:
        """Everything a restore must give back, as the services answer it."""
        get = self.auditor.get
        return {
            "integrity": (await get("ledger", "/v1/integrity"))["ok"],
            "balances": [await get("ledger", f"/v1/customers/{c}/balance") for c in customers],
            "exposures": [await get("credit", f"/v1/customers/{c}/exposure") for c in customers],
            "aging": [
                (await get("reporting", "/v1/reports/aging", as_of=AS_OF, customer_id=c))["rows"]
                for c in customers
            ],
            "cases": [await get("collections", "/v1/cases", customer_id=c) for c in customers],
            "dead_letters": [
                (await get(s, "/v1/admin/dead-letters"))["items"]
                for s in ("customer", "ledger", "credit", "collections", "reporting")
            ],
        }

    async def agreed(self, customers: list[str]) -> dict[str, Any]:
        """The books once credit and reporting agree with the ledger on every customer."""
        books: dict[str, Any] = {}

        async def consistent() -> bool:
            nonlocal books
            try:
                books = await self.books(customers)
            except (LookupError, httpx.HTTPError):
                return False
            owed = [b["open_amount"] for b in books["balances"]]
            return [e["open_amount"] for e in books["exposures"]] == owed and [
                [r["total"] for r in rows] for rows in books["aging"]
            ] == [[o] for o in owed]

        await eventually(consistent, within=90)
        return books


# A restore stops every service, replaces five databases and starts all of it again, beside
# the other lanes of `make test`: more than the default five minutes on two busy cores.
@pytest.mark.timeout(900)
async def test_a_restored_platform_has_the_books_it_was_backed_up_with_and_carries_on(
    platform: Stack, tmp_path: Path
) -> None:
    async with httpx.AsyncClient(timeout=30.0) as client:
        desk = Desk(platform, client)
        # Dead letters other suites left on the shared platform are kept through the restore.
        letters_before = (await desk.books([]))["dead_letters"]
        customers = [await desk.customer(n) for n in range(CUSTOMERS)]
        for n, customer in enumerate(customers):
            await desk.invoice(customer, "2026-09-01", f"{1000 + n}.10")  # overdue by AS_OF
            await desk.invoice(customer, "2026-11-02", "500.00")
            await desk.pay(customer, f"{100 + n}.25")
        await desk.post("ledger", "/v1/overdue-runs", {"as_of": AS_OF})
        await desk.agreed(customers)

        # Credit falls behind: the backup holds a ledger event its inbox has not seen.
        await asyncio.to_thread(platform.stop_service, "credit")
        await desk.pay(customers[0], "33.33")
        await asyncio.to_thread(backup, platform, tmp_path / "backup")
        await asyncio.to_thread(platform.start_service, "credit")
        before = await desk.agreed(customers)
        assert before["integrity"] is True
        assert [len(c["items"]) for c in before["cases"]] == [1] * CUSTOMERS
        assert before["dead_letters"] == letters_before

        # Every database lost, Postgres's data directory with them.
        await asyncio.to_thread(platform.down)
        shutil.rmtree(platform.config.pgdata)
        await asyncio.to_thread(restore, platform, tmp_path / "backup")

        assert await desk.agreed(customers) == before
        newcomer = await desk.customer(CUSTOMERS)
        await desk.invoice(newcomer, "2026-11-02", "250.00")
        after = await desk.agreed([*customers, newcomer])
        assert after["exposures"][-1]["open_amount"] == "250.00"
