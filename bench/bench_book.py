"""The book the payments benchmark works on: customers registered through customer-svc and
invoiced through ledger-svc, as any client would, before anything is timed."""

import asyncio
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

CURRENCY = "EUR"
ISSUE_DATE = date(2026, 1, 5)
RECEIVED_ON = date(2026, 3, 2)
# Big enough that no payment of the run closes an invoice: every payment allocates.
INVOICE_TOTAL = "90000000.00"


@dataclass(frozen=True)
class Book:
    """Who the benchmark pays for, and the headers it calls the ledger with."""

    ledger_url: str
    customer_ids: list[str]
    headers: dict[str, str]


async def _post(client: httpx.AsyncClient, url: str, body: dict[str, Any], key: str) -> Any:
    response = await client.post(url, json=body, headers={"Idempotency-Key": key})
    if response.status_code not in (200, 201):
        raise RuntimeError(f"POST {url} answered {response.status_code}: {response.text}")
    return response.json()


async def _wait_for_account(client: httpx.AsyncClient, url: str, within: float = 60.0) -> None:
    # The ledger opens accounts from customer.events, a little after registration.
    deadline = time.monotonic() + within
    while (await client.get(url)).status_code != 200:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the ledger did not open {url} within {within:.0f}s")
        await asyncio.sleep(0.2)


async def open_book(urls: dict[str, str], token: str, *, customers: int, invoices: int) -> Book:
    """Register `customers`, wait for the ledger to know them, give each `invoices` invoices."""
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=16)
    async with httpx.AsyncClient(headers=headers, timeout=60.0, limits=limits) as client:
        registered = await asyncio.gather(
            *(
                _post(
                    client,
                    f"{urls['customer']}/v1/customers",
                    {"name": f"Bench Customer {n}", "currency": CURRENCY, "payment_terms_days": 30},
                    f"bench-customer-{n}",
                )
                for n in range(customers)
            )
        )
        customer_ids = [c["id"] for c in registered]
        ledger = urls["ledger"]
        await asyncio.gather(
            *(_wait_for_account(client, f"{ledger}/v1/customers/{c}/balance") for c in customer_ids)
        )
        line = {"description": "Bench goods", "quantity": "1", "unit_price": INVOICE_TOTAL}
        await asyncio.gather(
            *(
                _post(
                    client,
                    f"{ledger}/v1/invoices",
                    {"customer_id": c, "issue_date": ISSUE_DATE.isoformat(), "lines": [line]},
                    f"bench-invoice-{c}-{n}",
                )
                for c in customer_ids
                for n in range(invoices)
            )
        )
    return Book(ledger, customer_ids, headers)


def payment_body(book: Book, n: int, amount: str = "10.00") -> dict[str, Any]:
    """The n-th payment of a run: customers in turn, so concurrent payments rarely queue."""
    return {
        "customer_id": book.customer_ids[n % len(book.customer_ids)],
        "amount": amount,
        "currency": CURRENCY,
        "received_on": RECEIVED_ON.isoformat(),
        "reference": f"BENCH-{n}",
    }
