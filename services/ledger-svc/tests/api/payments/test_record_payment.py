from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair


async def issue(
    client: httpx.AsyncClient, headers: dict[str, str], customer_id: str, amount: str, **dates: str
) -> dict[str, Any]:
    body = {
        "customer_id": customer_id,
        "lines": [{"description": "Goods", "quantity": "1", "unit_price": amount}],
        **dates,
    }
    response = await client.post("/v1/invoices", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def payment(customer_id: str, amount: str, currency: str = "EUR", **more: str) -> dict[str, str]:
    return {
        "customer_id": customer_id,
        "amount": amount,
        "currency": currency,
        "received_on": "2026-03-20",
        **more,
    }


async def test_payments_settle_the_oldest_due_invoices_first_and_keep_the_surplus_as_credit(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR", payment_terms_days=30)
    accountant = auth_keys.auth("accountant")
    # Due 2026-02-09, 2026-03-15 and 2026-03-03: A, then C, then B.
    a = await issue(client, accountant, customer_id, "100.00", issue_date="2026-01-10")
    b = await issue(
        client, accountant, customer_id, "250.00", issue_date="2026-01-05", due_date="2026-03-15"
    )
    c = await issue(client, accountant, customer_id, "40.00", issue_date="2026-02-01")
    cashier = auth_keys.auth("cashier")

    first = await client.post("/v1/payments", json=payment(customer_id, "120.00"), headers=cashier)
    second = await client.post(
        "/v1/payments", json=payment(customer_id, "300.00", reference="BANK-7"), headers=cashier
    )

    assert first.status_code == 201
    assert first.json()["allocations"] == [
        {"invoice_id": a["id"], "amount": "100.00", "discount": "0.00"},
        {"invoice_id": c["id"], "amount": "20.00", "discount": "0.00"},
    ]
    assert first.json()["unapplied_amount"] == "0.00"
    assert second.json()["allocations"] == [
        {"invoice_id": c["id"], "amount": "20.00", "discount": "0.00"},
        {"invoice_id": b["id"], "amount": "250.00", "discount": "0.00"},
    ]
    assert (second.json()["unapplied_amount"], second.json()["reference"]) == ("30.00", "BANK-7")
    balance = await client.get(f"/v1/customers/{customer_id}/balance", headers=cashier)
    assert balance.json() == {
        "customer_id": customer_id,
        "currency": "EUR",
        "open_amount": "0.00",
        "overdue_amount": "0.00",
        "credit_amount": "30.00",
    }
    events = await ledger_db.outbox(customer_id)
    assert [t for t, _ in events[3:]] == [
        "ledger.payment_received.v1",
        "ledger.invoice_paid.v1",
        "ledger.payment_received.v1",
        "ledger.invoice_paid.v1",
        "ledger.invoice_paid.v1",
    ]
    assert events[3][1]["allocations"] == [
        {
            "invoice_id": a["id"],
            "amount": "100.00",
            "open_amount_after": "0.00",
            "discount": "0.00",
        },
        {
            "invoice_id": c["id"],
            "amount": "20.00",
            "open_amount_after": "20.00",
            "discount": "0.00",
        },
    ]
    assert events[4][1] == {
        "customer_id": customer_id,
        "invoice_id": a["id"],
        "currency": "EUR",
        "total": "100.00",
        "paid_on": "2026-03-20",
    }
    assert [(p["invoice_id"], p["total"]) for _, p in events[6:]] == [
        (c["id"], "40.00"),
        (b["id"], "250.00"),
    ]


async def test_a_partial_payment_leaves_the_invoice_partially_paid_and_emits_no_invoice_paid(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    headers = auth_keys.auth("accountant")
    invoice = await issue(client, headers, customer_id, "99.99", issue_date="2026-03-01")

    paid = await client.post("/v1/payments", json=payment(customer_id, "0.01"), headers=headers)

    assert paid.json()["allocations"] == [
        {"invoice_id": invoice["id"], "amount": "0.01", "discount": "0.00"}
    ]
    now = (await client.get(f"/v1/invoices/{invoice['id']}", headers=headers)).json()
    assert (now["status"], now["open_amount"]) == ("partially_paid", "99.98")
    assert "ledger.invoice_paid.v1" not in [t for t, _ in await ledger_db.outbox(customer_id)]


async def test_a_yen_payment_settles_a_yen_invoice_to_the_yen(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("JPY")
    headers = auth_keys.auth("admin")
    invoice = await issue(client, headers, customer_id, "12000", issue_date="2026-03-01")

    paid = await client.post(
        "/v1/payments", json=payment(customer_id, "12500", "JPY"), headers=headers
    )

    assert paid.json()["allocations"] == [
        {"invoice_id": invoice["id"], "amount": "12000", "discount": "0"}
    ]
    assert (paid.json()["amount"], paid.json()["unapplied_amount"]) == ("12500", "500")
    fetched = await client.get(f"/v1/payments/{paid.json()['id']}", headers=headers)
    assert fetched.json() == paid.json()


@pytest.mark.parametrize(
    ("change", "slug", "field"),
    [
        ({"currency": "USD"}, "currency-mismatch", "currency"),
        ({"amount": "10.001"}, "invalid-amount", "amount"),
        ({"amount": "-5.00"}, "invalid-amount", "amount"),
        ({"amount": "0.00"}, "invalid-amount", "amount"),
        ({"amount": 10.5}, "validation-error", "amount"),
        ({"amount": "ten"}, "validation-error", "amount"),
        ({"customer_id": "nobody-we-know"}, "unknown-customer", "customer_id"),
        ({"received_on": "2026-02-30"}, "validation-error", "received_on"),
    ],
)
async def test_a_payment_the_ledger_cannot_record_is_refused_naming_the_field_and_writes_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    change: dict[str, Any],
    slug: str,
    field: str,
) -> None:
    customer_id = await register_customer("EUR")
    await issue(client, auth_keys.auth("admin"), customer_id, "50.00", issue_date="2026-03-01")
    before = await ledger_db.counts()
    headers = {**auth_keys.auth("cashier"), "Idempotency-Key": f"refused-{slug}-{change}"}

    response = await client.post(
        "/v1/payments", json={**payment(customer_id, "20.00"), **change}, headers=headers
    )

    assert response.status_code == 422
    assert response.json()["type"] == f"https://ledgerflow.dev/problems/{slug}"
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await ledger_db.counts() == before


async def test_a_retried_payment_with_the_same_key_is_applied_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    headers = {**auth_keys.auth("cashier"), "Idempotency-Key": "bank-line-42"}
    first = await client.post("/v1/payments", json=payment(customer_id, "10.00"), headers=headers)
    again = await client.post("/v1/payments", json=payment(customer_id, "10.00"), headers=headers)
    other = await client.post("/v1/payments", json=payment(customer_id, "11.00"), headers=headers)

    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert other.json()["type"].endswith("/idempotency-key-reused")
    assert len(await ledger_db.outbox(customer_id)) == 1
    balance = await client.get(f"/v1/customers/{customer_id}/balance", headers=headers)
    assert balance.json()["credit_amount"] == "10.00"


@pytest.mark.parametrize("role", ["auditor", "collector", "credit_manager"])
async def test_only_cashiers_accountants_admins_and_services_record_payments(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, role: str
) -> None:
    customer_id = await register_customer("EUR")
    response = await client.post(
        "/v1/payments", json=payment(customer_id, "1.00"), headers=auth_keys.auth(role)
    )
    assert response.status_code == 403
