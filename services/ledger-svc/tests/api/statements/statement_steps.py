"""Building a customer's history and asking for its statement."""

from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair

PERIOD = {"from": "2026-02-01", "to": "2026-04-30"}
HOSTILE_REFERENCE = '=HYPERLINK("http://evil.example","x")'


async def invoice(
    client: httpx.AsyncClient, keys: KeyPair, customer_id: str, issued: str, due: str, price: str
) -> dict[str, Any]:
    body = {
        "customer_id": customer_id,
        "issue_date": issued,
        "due_date": due,
        "lines": [{"description": "Goods", "quantity": "1", "unit_price": price}],
    }
    response = await client.post("/v1/invoices", json=body, headers=keys.auth("accountant"))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def pay(
    client: httpx.AsyncClient, keys: KeyPair, customer_id: str, on: str, amount: str, ref: str
) -> None:
    body = {
        "customer_id": customer_id,
        "amount": amount,
        "currency": "EUR",
        "received_on": on,
        "reference": ref,
    }
    response = await client.post("/v1/payments", json=body, headers=keys.auth("cashier"))
    assert response.status_code == 201, response.text


async def statement(
    client: httpx.AsyncClient, keys: KeyPair, customer_id: str, **params: str
) -> httpx.Response:
    return await client.get(
        f"/v1/customers/{customer_id}/statement",
        params={**PERIOD, **params},
        headers=keys.auth("credit_manager"),
    )
