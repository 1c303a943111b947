"""The customer file, as customer-svc announces it, decides how the ledger invoices: the terms
known at posting, and no new invoice for a suspended or closed customer."""

from datetime import UTC, datetime
from typing import Any

import httpx

from ledgerflow_events.contracts.customer import CustomerProfileUpdated, CustomerStatusChanged
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair

AT = datetime(2026, 2, 1, tzinfo=UTC)
GOODS = [{"description": "Goods", "quantity": "1", "unit_price": "100.00"}]


def invoice(customer_id: str, **more: Any) -> dict[str, Any]:
    return {"customer_id": customer_id, "issue_date": "2026-03-01", "lines": GOODS, **more}


async def status_changes(
    delivery: EventDelivery, customer_id: str, from_status: str, to_status: str
) -> None:
    changed = CustomerStatusChanged(
        customer_id=customer_id,
        from_status=from_status,
        to_status=to_status,
        reason="manual",
        changed_at=AT,
    )
    assert await delivery.deliver(changed) == Outcome.APPLIED


async def test_an_invoice_without_terms_is_due_on_the_terms_known_when_it_is_posted(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, delivery: EventDelivery
) -> None:
    customer_id = await register_customer("EUR", payment_terms_days=60)
    headers = auth_keys.auth("accountant")
    before = await client.post("/v1/invoices", json=invoice(customer_id), headers=headers)
    updated = CustomerProfileUpdated(
        customer_id=customer_id,
        changed_fields=["payment_terms_days"],
        updated_at=AT,
        payment_terms_days=45,
    )
    assert await delivery.deliver(updated) == Outcome.APPLIED

    after = await client.post("/v1/invoices", json=invoice(customer_id), headers=headers)

    assert (before.json()["due_date"], before.json()["terms"]["days"]) == ("2026-04-30", 60)
    assert (after.json()["due_date"], after.json()["terms"]["days"]) == ("2026-04-15", 45)


async def test_a_profile_update_of_other_fields_leaves_terms_currency_and_code_alone(
    register_customer, delivery: EventDelivery, ledger_db
) -> None:
    customer_id = await register_customer("EUR", payment_terms_days=30)
    updated = CustomerProfileUpdated(
        customer_id=customer_id,
        changed_fields=["industry", "code", "currency"],
        updated_at=AT,
        industry="Retail",
        code="RT-7",
        currency="CHF",
    )

    assert await delivery.deliver(updated) == Outcome.APPLIED

    assert await ledger_db.rows(
        "SELECT currency, payment_terms_days, code, status FROM customer_accounts "
        "WHERE customer_id = :c",
        c=customer_id,
    ) == [("CHF", 30, "RT-7", "active")]


async def test_a_suspended_customer_gets_no_new_invoice_but_its_payments_and_credits_post(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    delivery: EventDelivery,
    ledger_db,
) -> None:
    customer_id = await register_customer("EUR")
    headers = auth_keys.auth("accountant", subject="alice")
    billed = (await client.post("/v1/invoices", json=invoice(customer_id), headers=headers)).json()
    await status_changes(delivery, customer_id, "active", "suspended")
    before = await ledger_db.counts()

    refused = await client.post("/v1/invoices", json=invoice(customer_id), headers=headers)

    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert (problem["type"].rsplit("/", 1)[1], problem["detail"]) == (
        "customer-not-invoiceable",
        f"Customer {customer_id} is suspended: no new invoices until the customer file is "
        "active again (payments, credit notes and refunds still post).",
    )
    assert await ledger_db.counts() == before
    paid = await client.post(
        "/v1/payments",
        json={
            "customer_id": customer_id,
            "amount": "30.00",
            "currency": "EUR",
            "received_on": "2026-03-05",
        },
        headers=headers,
    )
    assert paid.status_code == 201, paid.text
    credited = await client.post(
        f"/v1/invoices/{billed['id']}/credit-notes",
        json={"issue_date": "2026-03-06", "reason": "Returned", "amount": "20.00"},
        headers=headers,
    )
    assert credited.status_code == 201, credited.text
    invoice_now = await client.get(f"/v1/invoices/{billed['id']}", headers=headers)
    assert invoice_now.json()["open_amount"] == "50.00"


async def test_a_closed_customer_gets_no_new_invoice_and_a_reactivated_one_does(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, delivery: EventDelivery
) -> None:
    suspended, closed = await register_customer("EUR"), await register_customer("EUR")
    headers = auth_keys.auth("accountant")
    await status_changes(delivery, closed, "active", "closed")
    await status_changes(delivery, suspended, "active", "suspended")
    await status_changes(delivery, suspended, "suspended", "active")

    refused = await client.post("/v1/invoices", json=invoice(closed), headers=headers)
    accepted = await client.post("/v1/invoices", json=invoice(suspended), headers=headers)

    assert (refused.status_code, refused.json()["type"].rsplit("/", 1)[1]) == (
        409,
        "customer-not-invoiceable",
    )
    assert accepted.status_code == 201, accepted.text


async def test_an_invoice_import_names_the_row_of_a_closed_customer(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, delivery: EventDelivery
) -> None:
    customer_id = await register_customer("EUR")
    await status_changes(delivery, customer_id, "active", "closed")
    text = (
        "invoice_ref,customer_id,issue_date,description,quantity,unit_price\n"
        f"Z-1,{customer_id},2026-03-01,Goods,1,10.00\n"
    )

    response = await client.post(
        "/v1/invoice-imports",
        files={"file": ("closed.csv", text.encode(), "text/csv")},
        headers=auth_keys.auth("accountant"),
    )

    assert response.status_code == 422
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [(2, "customer_id")]
