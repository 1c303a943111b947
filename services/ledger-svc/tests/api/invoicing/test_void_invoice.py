from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

VOID = {"voided_on": "2026-03-05", "reason": "Billed twice"}


async def issue(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str, price: str = "119.00"
) -> dict[str, Any]:
    body = {
        "customer_id": customer_id,
        "issue_date": "2026-03-01",
        "lines": [{"description": "Goods", "quantity": "1", "unit_price": price, "tax_rate": "19"}],
    }
    response = await client.post("/v1/invoices", json=body, headers=auth_keys.auth("service"))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def pay(client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str, amount: str) -> None:
    body = {
        "customer_id": customer_id,
        "amount": amount,
        "currency": "EUR",
        "received_on": "2026-03-10",
    }
    response = await client.post("/v1/payments", json=body, headers=auth_keys.auth("cashier"))
    assert response.status_code == 201, response.text


async def test_voiding_an_unpaid_invoice_reverses_its_entry_and_tells_the_platform(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    invoice = await issue(client, auth_keys, customer_id)
    response = await client.post(
        f"/v1/invoices/{invoice['id']}:void", json=VOID, headers=auth_keys.auth("accountant")
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["open_amount"], body["total"]) == ("void", "0.00", "141.61")
    assert (body["voided_on"], body["void_reason"]) == ("2026-03-05", "Billed twice")
    issued, voided = await ledger_db.rows(
        "SELECT id, business_date::text, reverses_entry_id, memo FROM journal_entries "
        "WHERE source_type = 'invoice' AND source_id = :i ORDER BY id",
        i=invoice["id"],
    )
    assert voided[1:] == (
        "2026-03-05",
        issued[0],
        f"Invoice {invoice['number']} voided: Billed twice",
    )
    assert await ledger_db.rows(
        "SELECT account, debit, credit FROM journal_lines WHERE entry_id = :e ORDER BY position",
        e=voided[0],
    ) == [("receivable", 0, 14161), ("revenue", 11900, 0), ("tax_payable", 2261, 0)]
    events = await ledger_db.outbox(customer_id)
    assert events[-1] == (
        "ledger.invoice_voided.v1",
        {
            "customer_id": customer_id,
            "invoice_id": invoice["id"],
            "number": invoice["number"],
            "currency": "EUR",
            "total": "141.61",
            "voided_on": "2026-03-05",
        },
    )


async def test_a_voided_invoice_is_owed_by_nobody_and_takes_no_payment_or_overdue_mark(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    invoice = await issue(client, auth_keys, customer_id, price="50.00")
    await client.post(
        f"/v1/invoices/{invoice['id']}:void", json=VOID, headers=auth_keys.auth("admin")
    )
    await pay(client, auth_keys, customer_id, "10.00")
    run = await client.post(
        "/v1/overdue-runs", json={"as_of": "2027-01-01"}, headers=auth_keys.auth("admin")
    )

    balance = await client.get(
        f"/v1/customers/{customer_id}/balance", headers=auth_keys.auth("auditor")
    )
    assert (balance.json()["open_amount"], balance.json()["credit_amount"]) == ("0.00", "10.00")
    assert run.json()["invoices_marked_overdue"] == 0
    listed = await client.get(
        "/v1/invoices",
        params={"customer_id": customer_id, "status": "void"},
        headers=auth_keys.auth("auditor"),
    )
    assert [i["id"] for i in listed.json()["items"]] == [invoice["id"]]


@pytest.mark.parametrize(("paid", "status"), [("10.00", "partially_paid"), ("59.50", "paid")])
async def test_an_invoice_something_was_applied_to_cannot_be_voided(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    paid: str,
    status: str,
) -> None:
    customer_id = await register_customer("EUR")
    invoice = await issue(client, auth_keys, customer_id, price="50.00")
    await pay(client, auth_keys, customer_id, paid)
    before = await ledger_db.counts()

    response = await client.post(
        f"/v1/invoices/{invoice['id']}:void", json=VOID, headers=auth_keys.auth("accountant")
    )

    assert response.status_code == 409
    assert response.json()["type"] == "https://ledgerflow.dev/problems/invoice-not-voidable"
    assert [e["field"] for e in response.json()["errors"]] == ["invoice_id"]
    assert f"has {paid} EUR applied" in response.json()["detail"]
    assert await ledger_db.counts() == before
    fetched = await client.get(f"/v1/invoices/{invoice['id']}", headers=auth_keys.auth("auditor"))
    assert fetched.json()["status"] == status


async def test_voiding_twice_is_refused_unless_it_is_a_retry_with_the_same_key(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    invoice = await issue(client, auth_keys, customer_id)
    path = f"/v1/invoices/{invoice['id']}:void"
    keyed = {**auth_keys.auth("accountant"), "Idempotency-Key": "void-once"}
    first = await client.post(path, json=VOID, headers=keyed)
    retry = await client.post(path, json=VOID, headers=keyed)
    again = await client.post(path, json=VOID, headers=auth_keys.auth("accountant"))

    assert retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert again.status_code == 409
    assert "already voided on 2026-03-05" in again.json()["detail"]
    assert [t for t, _ in await ledger_db.outbox(customer_id)].count(
        "ledger.invoice_voided.v1"
    ) == 1


@pytest.mark.parametrize(
    ("invoice_id", "body", "status", "slug", "field"),
    [
        ("no-such-invoice", VOID, 404, "invoice-not-found", "invoice_id"),
        (None, {**VOID, "voided_on": "2026-02-28"}, 422, "void-before-issue", "voided_on"),
        (None, {"voided_on": "2026-03-05"}, 422, "validation-error", "reason"),
        (None, {**VOID, "reason": "  "}, 422, "validation-error", "reason"),
    ],
)
async def test_a_void_the_ledger_cannot_make_is_refused_naming_the_field_and_writes_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    invoice_id: str | None,
    body: dict[str, Any],
    status: int,
    slug: str,
    field: str,
) -> None:
    customer_id = await register_customer("EUR")
    invoice_id = invoice_id or (await issue(client, auth_keys, customer_id))["id"]
    before = await ledger_db.counts()

    response = await client.post(
        f"/v1/invoices/{invoice_id}:void", json=body, headers=auth_keys.auth("accountant")
    )

    assert response.status_code == status
    assert response.json()["type"] == f"https://ledgerflow.dev/problems/{slug}"
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await ledger_db.counts() == before


@pytest.mark.parametrize("role", ["cashier", "auditor", "collector", "credit_manager"])
async def test_only_accountants_admins_and_services_void_invoices(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, role: str
) -> None:
    customer_id = await register_customer("EUR")
    invoice = await issue(client, auth_keys, customer_id)
    response = await client.post(
        f"/v1/invoices/{invoice['id']}:void", json=VOID, headers=auth_keys.auth(role)
    )
    assert response.status_code == 403
