import asyncio
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

WIDGETS = [{"description": "Widgets", "quantity": "3", "unit_price": "19.99"}]


def invoice(customer_id: str, **fields: Any) -> dict[str, Any]:
    return {"customer_id": customer_id, "issue_date": "2026-03-01", "lines": WIDGETS, **fields}


async def test_an_issued_invoice_is_due_after_the_customers_terms_and_numbered_in_its_year(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR", payment_terms_days=45)
    response = await client.post(
        "/v1/invoices", json=invoice(customer_id), headers=auth_keys.auth("accountant")
    )

    assert response.status_code == 201
    body = response.json()
    assert body["number"].startswith("INV-2026-")
    assert {k: v for k, v in body.items() if k not in ("id", "number")} == {
        "customer_id": customer_id,
        "currency": "EUR",
        "issue_date": "2026-03-01",
        "due_date": "2026-04-15",
        "net": "59.97",
        "tax": "0.00",
        "total": "59.97",
        "open_amount": "59.97",
        "status": "issued",
        "overdue": False,
        "terms": {"kind": "net", "days": 45, "early_payment_discount": None},
        "instalments": [{"due_date": "2026-04-15", "amount": "59.97"}],
        "lines": [
            {
                "description": "Widgets",
                "quantity": "3",
                "unit_price": "19.99",
                "amount": "59.97",
                "discount": None,
                "net": "59.97",
                "tax_rate": "0",
                "tax": "0.00",
                "gross": "59.97",
            }
        ],
        "voided_on": None,
        "void_reason": None,
        "order_reference": None,
        "contract_id": None,
    }
    [(event_type, payload)] = await ledger_db.outbox(customer_id)
    assert event_type == "ledger.invoice_issued.v1"
    assert payload == {
        "customer_id": customer_id,
        "invoice_id": body["id"],
        "number": body["number"],
        "currency": "EUR",
        "total": "59.97",
        "issue_date": "2026-03-01",
        "due_date": "2026-04-15",
        "totals": {"net": "59.97", "tax": "0.00"},
        "instalments": [{"due_date": "2026-04-15", "amount": "59.97"}],
        "order_reference": None,
        "contract_id": None,
        "opening": False,
    }


async def test_an_invoice_names_the_order_and_contract_it_bills_and_announces_them(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    contract_id = "0195f3a2-7c1e-7d44-9a4b-2f1c8e6d5a99"
    response = await client.post(
        "/v1/invoices",
        json=invoice(customer_id, order_reference=" PO-4711 ", contract_id=contract_id),
        headers=auth_keys.auth("accountant"),
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["order_reference"], body["contract_id"]) == ("PO-4711", contract_id)
    read = await client.get(f"/v1/invoices/{body['id']}", headers=auth_keys.auth("auditor"))
    assert (read.json()["order_reference"], read.json()["contract_id"]) == ("PO-4711", contract_id)
    [(_, payload)] = await ledger_db.outbox(customer_id)
    assert (payload["order_reference"], payload["contract_id"]) == ("PO-4711", contract_id)


async def test_lines_are_rounded_half_up_to_the_cent_before_they_are_added_up(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    lines = [
        {"description": "Bolts", "quantity": 0.5, "unit_price": "0.05"},
        {"description": "Nuts", "quantity": "0.5", "unit_price": "0.05"},
        {"description": "Hours", "quantity": "1.3333", "unit_price": "75.00"},
    ]
    response = await client.post(
        "/v1/invoices", json=invoice(customer_id, lines=lines), headers=auth_keys.auth("service")
    )

    assert response.status_code == 201
    assert [x["amount"] for x in response.json()["lines"]] == ["0.03", "0.03", "100.00"]
    assert response.json()["total"] == "100.06"


async def test_a_yen_invoice_has_no_minor_digits(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("JPY", payment_terms_days=0)
    lines = [{"description": "Cable", "quantity": "2.5", "unit_price": "101"}]
    response = await client.post(
        "/v1/invoices",
        json=invoice(customer_id, lines=lines, currency="JPY"),
        headers=auth_keys.auth("admin"),
    )

    assert response.status_code == 201
    assert (response.json()["total"], response.json()["due_date"]) == ("253", "2026-03-01")


async def test_concurrent_invoices_of_one_year_are_numbered_without_gaps(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customers = [await register_customer("EUR") for _ in range(4)]
    headers = auth_keys.auth("service")
    responses = await asyncio.gather(
        *(
            client.post(
                "/v1/invoices",
                json=invoice(customers[n % 4], issue_date="2031-06-30"),
                headers=headers,
            )
            for n in range(12)
        )
    )

    assert [r.status_code for r in responses] == [201] * 12
    numbers = sorted(r.json()["number"] for r in responses)
    assert numbers == [f"INV-2031-{n:06d}" for n in range(1, 13)]


@pytest.mark.parametrize(
    ("change", "status", "slug", "field"),
    [
        ({"currency": "USD"}, 422, "currency-mismatch", "currency"),
        ({"due_date": "2026-02-28"}, 422, "due-before-issue", "due_date"),
        (
            {"lines": [{"description": "X", "quantity": "1", "unit_price": "10.001"}]},
            422,
            "invalid-amount",
            "lines.0.unit_price",
        ),
        (
            {"lines": [{"description": "X", "quantity": "1", "unit_price": "-10.00"}]},
            422,
            "invalid-amount",
            "lines.0.unit_price",
        ),
        (
            {"lines": [{"description": "X", "quantity": "1.00001", "unit_price": "1.00"}]},
            422,
            "validation-error",
            "lines.0.quantity",
        ),
        (
            {"lines": [{"description": "X", "quantity": "2", "unit_price": "0.00"}]},
            422,
            "invoice-total-not-positive",
            "lines",
        ),
        ({"lines": []}, 422, "validation-error", "lines"),
        ({"customer_id": "nobody-we-know"}, 422, "unknown-customer", "customer_id"),
    ],
)
async def test_an_invoice_the_ledger_cannot_issue_is_refused_naming_the_field_and_writes_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    change: dict[str, Any],
    status: int,
    slug: str,
    field: str,
) -> None:
    customer_id = await register_customer("EUR")
    before = await ledger_db.counts()
    headers = {**auth_keys.auth("accountant"), "Idempotency-Key": f"refused-{slug}-{field}"}
    response = await client.post(
        "/v1/invoices", json={**invoice(customer_id), **change}, headers=headers
    )

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == f"https://ledgerflow.dev/problems/{slug}"
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await ledger_db.counts() == before
    if slug == "unknown-customer":
        assert "no account for customer nobody-we-know" in response.json()["detail"]


async def test_a_retried_invoice_with_the_same_key_is_issued_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    headers = {**auth_keys.auth("service"), "Idempotency-Key": "erp-invoice-1"}
    first = await client.post("/v1/invoices", json=invoice(customer_id), headers=headers)
    again = await client.post("/v1/invoices", json=invoice(customer_id), headers=headers)

    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(await ledger_db.outbox(customer_id)) == 1


@pytest.mark.parametrize("role", ["cashier", "collector", "auditor", "credit_manager"])
async def test_only_accountants_admins_and_services_issue_invoices(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, role: str
) -> None:
    customer_id = await register_customer("EUR")
    response = await client.post(
        "/v1/invoices", json=invoice(customer_id), headers=auth_keys.auth(role)
    )
    assert response.status_code == 403


async def test_issuing_needs_a_token(client: httpx.AsyncClient) -> None:
    assert (await client.post("/v1/invoices", json=invoice("c1"))).status_code == 401
