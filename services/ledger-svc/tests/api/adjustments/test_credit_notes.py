from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, assert_problem

from .steps import (
    TRACE_TABLES,
    assert_books_balance,
    balance,
    entry_lines,
    invoice,
    issue,
    pay,
)

CREDIT = {"issue_date": "2026-04-02", "reason": "Two units returned damaged"}


async def credit(
    client: httpx.AsyncClient, auth_keys: KeyPair, invoice_id: str, **body: Any
) -> httpx.Response:
    return await client.post(
        f"/v1/invoices/{invoice_id}/credit-notes",
        json={**CREDIT, **body},
        headers=auth_keys.auth("accountant", subject="alice"),
    )


async def test_a_partial_credit_note_reduces_the_open_amount_and_takes_back_tax_pro_rata(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "100.00", tax_rate="19")
    await pay(client, auth_keys, customer_id, "19.00")

    response = await credit(client, auth_keys, billed["id"], amount="59.50")

    assert response.status_code == 201, response.text
    note = response.json()
    assert note["number"].startswith("CN-2026-")
    assert {k: note[k] for k in ("invoice_id", "amount", "net", "tax", "unapplied_amount")} == {
        "invoice_id": billed["id"],
        "amount": "59.50",
        "net": "50.00",
        "tax": "9.50",
        "unapplied_amount": "0.00",
    }
    after = await invoice(client, auth_keys, billed["id"])
    assert (after["open_amount"], after["status"]) == ("40.50", "partially_paid")
    assert await entry_lines(ledger_db, "credit_note", note["id"]) == [
        [
            ("revenue", 5000, 0, None),
            ("tax_payable", 950, 0, None),
            ("receivable", 0, 5950, billed["id"]),
        ]
    ]
    events = await ledger_db.outbox(customer_id)
    assert events[-1] == (
        "ledger.credit_note_issued.v1",
        {
            "customer_id": customer_id,
            "credit_note_id": note["id"],
            "number": note["number"],
            "currency": "EUR",
            "amount": "59.50",
            "tax": "9.50",
            "issue_date": "2026-04-02",
            "invoice_id": billed["id"],
            "invoice_open_amount_after": "40.50",
        },
    )
    await assert_books_balance(client, auth_keys)


async def test_crediting_the_rest_closes_the_invoice_as_credited_with_all_its_tax_back(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "10.00", tax_rate="19")  # 11.90
    first = (await credit(client, auth_keys, billed["id"], amount="0.05")).json()
    rest = await credit(client, auth_keys, billed["id"])  # no amount: all that is open

    assert rest.status_code == 201, rest.text
    assert (first["tax"], rest.json()["amount"], rest.json()["tax"]) == ("0.01", "11.85", "1.89")
    after = await invoice(client, auth_keys, billed["id"])
    assert (after["open_amount"], after["status"]) == ("0.00", "credited")
    listed = await client.get(
        "/v1/invoices",
        params={"customer_id": customer_id, "status": "credited"},
        headers=auth_keys.auth("auditor"),
    )
    assert [i["id"] for i in listed.json()["items"]] == [billed["id"]]
    notes = await client.get(
        "/v1/credit-notes", params={"invoice_id": billed["id"]}, headers=auth_keys.auth("auditor")
    )
    assert [n["id"] for n in notes.json()["items"]] == [first["id"], rest.json()["id"]]
    overdue = await client.post(
        "/v1/overdue-runs", json={"as_of": "2027-01-01"}, headers=auth_keys.auth("admin")
    )
    assert overdue.status_code == 200
    assert (await invoice(client, auth_keys, billed["id"]))["overdue"] is False
    await assert_books_balance(client, auth_keys)


async def test_a_credit_note_on_account_becomes_customer_credit(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    response = await client.post(
        f"/v1/customers/{customer_id}/credit-notes",
        json={
            "amount": "25.00",
            "currency": "EUR",
            "issue_date": "2026-04-02",
            "reason": "Goodwill",
        },
        headers=auth_keys.auth("admin"),
    )

    assert response.status_code == 201, response.text
    note = response.json()
    assert (note["invoice_id"], note["tax"], note["unapplied_amount"]) == (None, "0.00", "25.00")
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "25.00"
    assert await entry_lines(ledger_db, "credit_note", note["id"]) == [
        [("revenue", 2500, 0, None), ("customer_credit", 0, 2500, None)]
    ]
    fetched = await client.get(f"/v1/credit-notes/{note['id']}", headers=auth_keys.auth("auditor"))
    assert fetched.json() == note
    await assert_books_balance(client, auth_keys)


@pytest.mark.parametrize(
    ("body", "status", "slug", "field"),
    [
        ({"amount": "50.01"}, 422, "credit-exceeds-open-amount", "amount"),
        ({"amount": "-1.00"}, 422, "invalid-amount", "amount"),
        ({"amount": "0.00"}, 422, "invalid-amount", "amount"),
        ({"amount": "1.001"}, 422, "invalid-amount", "amount"),
        ({"amount": "1.00", "currency": "USD"}, 422, "currency-mismatch", "currency"),
        ({"issue_date": "2026-02-28"}, 422, "credit-note-before-invoice", "issue_date"),
        ({"reason": ""}, 422, "validation-error", "reason"),
    ],
)
async def test_a_refused_credit_note_names_the_field_and_leaves_no_trace(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    body: dict[str, str],
    status: int,
    slug: str,
    field: str,
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "50.00")
    before = await ledger_db.counts(*TRACE_TABLES)

    response = await credit(client, auth_keys, billed["id"], **body)

    assert_problem(response, status, slug, fields=[field] if field else None)
    assert await ledger_db.counts(*TRACE_TABLES) == before
    assert (await invoice(client, auth_keys, billed["id"]))["open_amount"] == "50.00"


async def test_voided_and_unknown_invoices_cannot_be_credited(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    voided = await issue(client, auth_keys, customer_id, "30.00")
    await client.post(
        f"/v1/invoices/{voided['id']}:void",
        json={"voided_on": "2026-03-02", "reason": "Wrong customer"},
        headers=auth_keys.auth("accountant"),
    )
    before = await ledger_db.counts(*TRACE_TABLES)

    assert_problem(
        await credit(client, auth_keys, voided["id"]),
        409,
        "invoice-not-creditable",
        fields=["invoice_id"],
    )
    assert_problem(
        await credit(client, auth_keys, "no-such-invoice"),
        404,
        "invoice-not-found",
        fields=["invoice_id"],
    )
    on_account = await client.post(
        "/v1/customers/no-such-customer/credit-notes",
        json={"amount": "1.00", **CREDIT},
        headers=auth_keys.auth("accountant"),
    )
    assert_problem(on_account, 404, "customer-not-found", fields=["customer_id"])
    assert await ledger_db.counts(*TRACE_TABLES) == before


@pytest.mark.parametrize(("role", "status"), [("cashier", 403), ("collector", 403), (None, 401)])
async def test_only_accountants_admins_and_services_issue_credit_notes(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, role: str | None, status: int
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "50.00")
    response = await client.post(
        f"/v1/invoices/{billed['id']}/credit-notes",
        json=CREDIT,
        headers=auth_keys.auth(role) if role else {},
    )
    assert response.status_code == status


async def test_a_paid_invoice_is_credited_to_the_customers_credit_tax_and_all(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "100.00", tax_rate="19")  # 119.00
    await pay(client, auth_keys, customer_id, "119.00")

    response = await credit(client, auth_keys, billed["id"], amount="59.50")

    assert response.status_code == 201, response.text
    note = response.json()
    assert (note["amount"], note["tax"], note["invoice_id"]) == ("59.50", "9.50", billed["id"])
    assert await entry_lines(ledger_db, "credit_note", note["id"]) == [
        [
            ("revenue", 5000, 0, None),
            ("tax_payable", 950, 0, None),
            ("customer_credit", 0, 5950, None),
        ]
    ]
    after = await invoice(client, auth_keys, billed["id"])
    assert (after["open_amount"], after["status"]) == ("0.00", "paid")
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "59.50"
    too_much = await credit(client, auth_keys, billed["id"], amount="59.51")
    assert_problem(too_much, 422, "credit-exceeds-open-amount", fields=["amount"])
    rest = await credit(client, auth_keys, billed["id"])
    assert (rest.json()["amount"], rest.json()["tax"]) == ("59.50", "9.50")
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "119.00"
    assert_problem(await credit(client, auth_keys, billed["id"]), 409, "invoice-not-creditable")
    await assert_books_balance(client, auth_keys)
