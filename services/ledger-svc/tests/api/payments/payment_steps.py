"""Issuing invoices and recording payments the way a cashier's system does, for payment tests."""

from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair

# Every table a payment, reversal or credit application could leave a trace in.
PAYMENT_TABLES = (
    "payments",
    "payment_allocations",
    "payment_reversals",
    "credit_applications",
    "credit_application_allocations",
    "credit_application_draws",
    "journal_entries",
    "journal_lines",
    "outbox",
    "event_streams",
    "idempotency_keys",
)

# 2 % off if paid within 10 days of issue, else net 30.
EARLY_DISCOUNT = {"kind": "net", "days": 30, "early_payment_discount": {"percent": "2", "days": 10}}


async def issue(
    client: httpx.AsyncClient,
    keys: KeyPair,
    customer_id: str,
    price: str,
    issued: str = "2026-03-01",
    **more: Any,
) -> dict[str, Any]:
    body = {
        "customer_id": customer_id,
        "issue_date": issued,
        "lines": [{"description": "Goods", "quantity": "1", "unit_price": price}],
        **more,
    }
    response = await client.post("/v1/invoices", json=body, headers=keys.auth("accountant"))
    assert response.status_code == 201, response.text
    return dict(response.json())


def payment(customer_id: str, amount: str, **more: Any) -> dict[str, Any]:
    return {
        "customer_id": customer_id,
        "amount": amount,
        "currency": "EUR",
        "received_on": "2026-03-08",
        **more,
    }


async def pay(
    client: httpx.AsyncClient, keys: KeyPair, customer_id: str, amount: str, **more: Any
) -> dict[str, Any]:
    response = await client.post(
        "/v1/payments", json=payment(customer_id, amount, **more), headers=keys.auth("cashier")
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def invoice_now(client: httpx.AsyncClient, keys: KeyPair, invoice_id: str) -> dict[str, Any]:
    response = await client.get(f"/v1/invoices/{invoice_id}", headers=keys.auth("auditor"))
    return dict(response.json())


async def balance(client: httpx.AsyncClient, keys: KeyPair, customer_id: str) -> dict[str, Any]:
    response = await client.get(
        f"/v1/customers/{customer_id}/balance", headers=keys.auth("auditor")
    )
    return dict(response.json())


async def books_balance(client: httpx.AsyncClient, keys: KeyPair) -> bool:
    report = (await client.get("/v1/integrity", headers=keys.auth("auditor"))).json()
    assert report["ok"], report
    return bool(report["ok"])


async def journal_of(
    client: httpx.AsyncClient, keys: KeyPair, customer_id: str, source_type: str
) -> list[dict[str, Any]]:
    response = await client.get(
        "/v1/journal",
        params={"customer_id": customer_id, "source_type": source_type},
        headers=keys.auth("auditor"),
    )
    return list(response.json()["items"])


def lines(entry: dict[str, Any]) -> list[tuple[str, str, str, str | None]]:
    return [(x["account"], x["debit"], x["credit"], x["invoice_id"]) for x in entry["lines"]]
