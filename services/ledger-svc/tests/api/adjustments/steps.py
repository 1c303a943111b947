"""Steps the adjustment tests share: issue, pay, check the books, count what was written."""

from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair, ServiceDb

# Every table an adjustment could leave a trace in, for "changes nothing" checks.
TRACE_TABLES = (
    "invoices",
    "invoice_counters",
    "payments",
    "journal_entries",
    "journal_lines",
    "outbox",
    "credit_notes",
    "refunds",
    "refund_draws",
    "write_offs",
    "late_fees",
    "late_fee_policies",
)


async def issue(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer_id: str,
    price: str = "100.00",
    *,
    tax_rate: str | None = None,
    issue_date: str = "2026-03-01",
    due_date: str | None = None,
) -> dict[str, Any]:
    line = {"description": "Goods", "quantity": "1", "unit_price": price}
    body: dict[str, Any] = {
        "customer_id": customer_id,
        "issue_date": issue_date,
        "lines": [{**line, **({"tax_rate": tax_rate} if tax_rate else {})}],
    }
    if due_date:
        body["due_date"] = due_date
    response = await client.post("/v1/invoices", json=body, headers=auth_keys.auth("accountant"))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def pay(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer_id: str,
    amount: str,
    received_on: str = "2026-03-10",
    currency: str = "EUR",
) -> dict[str, Any]:
    body = {
        "customer_id": customer_id,
        "amount": amount,
        "currency": currency,
        "received_on": received_on,
    }
    response = await client.post("/v1/payments", json=body, headers=auth_keys.auth("cashier"))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def invoice(client: httpx.AsyncClient, auth_keys: KeyPair, invoice_id: str) -> Any:
    response = await client.get(f"/v1/invoices/{invoice_id}", headers=auth_keys.auth("auditor"))
    assert response.status_code == 200, response.text
    return response.json()


async def balance(client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str) -> Any:
    response = await client.get(
        f"/v1/customers/{customer_id}/balance", headers=auth_keys.auth("auditor")
    )
    assert response.status_code == 200, response.text
    return response.json()


async def assert_books_balance(client: httpx.AsyncClient, auth_keys: KeyPair) -> None:
    response = await client.get("/v1/integrity", headers=auth_keys.auth("auditor"))
    assert response.status_code == 200, response.text
    assert response.json()["ok"] is True, response.json()


async def entry_lines(
    db: ServiceDb, source_type: str, source_id: str
) -> list[list[tuple[Any, ...]]]:
    """The lines of each entry about a document, in posting order: (account, debit, credit,
    invoice id)."""
    entries = await db.rows(
        "SELECT id FROM journal_entries WHERE source_type = :t AND source_id = :s ORDER BY id",
        t=source_type,
        s=source_id,
    )
    return [
        await db.rows(
            "SELECT account, debit, credit, invoice_id FROM journal_lines WHERE entry_id = :e "
            "ORDER BY position",
            e=entry_id,
        )
        for (entry_id,) in entries
    ]


REQUEST_REFUND = {
    "method": "bank_transfer",
    "reference": "Overpayment March",
    "requested_on": "2026-04-03",
}


async def request_refund(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str, amount: str, **more: Any
) -> httpx.Response:
    return await client.post(
        f"/v1/customers/{customer_id}/refunds",
        json={**REQUEST_REFUND, "amount": amount, **more},
        headers=auth_keys.auth("accountant", subject="alice"),
    )


async def customer_with_credit(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any, credit: str = "50.00"
) -> str:
    """A new EUR customer holding `credit` from a payment no invoice absorbed."""
    customer_id = await register_customer("EUR")
    await pay(client, auth_keys, customer_id, credit)
    return str(customer_id)
