from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

from .payment_steps import (
    PAYMENT_TABLES,
    balance,
    books_balance,
    invoice_now,
    issue,
    journal_of,
    lines,
    pay,
)


async def apply_credit(
    client: httpx.AsyncClient, keys: KeyPair, customer_id: str, **body: Any
) -> httpx.Response:
    return await client.post(
        f"/v1/customers/{customer_id}/credit-applications",
        json={"as_of": "2026-03-20", **body},
        headers=keys.auth("accountant"),
    )


async def test_credit_is_kept_when_an_invoice_is_issued_and_applied_oldest_due_first_on_request(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    first = await pay(client, auth_keys, customer_id, "70.00")
    second = await pay(client, auth_keys, customer_id, "50.00", received_on="2026-03-09")
    newer = await issue(client, auth_keys, customer_id, "90.00", issued="2026-03-15")
    older = await issue(client, auth_keys, customer_id, "20.00", issued="2026-03-10")
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "120.00"

    response = await apply_credit(client, auth_keys, customer_id)

    assert response.status_code == 201, response.text
    applied = response.json()
    assert (applied["amount"], applied["applied_on"], applied["credit_remaining"]) == (
        "110.00",
        "2026-03-20",
        "10.00",
    )
    assert applied["allocations"] == [
        {"invoice_id": older["id"], "amount": "20.00", "discount": "0.00"},
        {"invoice_id": newer["id"], "amount": "90.00", "discount": "0.00"},
    ]
    assert applied["sources"] == [
        {"source_kind": "payment", "source_id": first["id"], "amount": "70.00"},
        {"source_kind": "payment", "source_id": second["id"], "amount": "40.00"},
    ]
    assert (await invoice_now(client, auth_keys, newer["id"]))["status"] == "paid"
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "10.00"
    [entry] = await journal_of(client, auth_keys, customer_id, "credit_application")
    assert lines(entry) == [
        ("customer_credit", "110.00", "0.00", None),
        ("receivable", "0.00", "20.00", older["id"]),
        ("receivable", "0.00", "90.00", newer["id"]),
    ]
    events = (await ledger_db.outbox(customer_id))[-3:]
    assert [t for t, _ in events] == [
        "ledger.payment_allocated.v1",
        "ledger.invoice_paid.v1",
        "ledger.invoice_paid.v1",
    ]
    assert events[0][1] == {
        "customer_id": customer_id,
        "allocation_id": applied["id"],
        "currency": "EUR",
        "applied_on": "2026-03-20",
        "allocations": [
            {
                "invoice_id": older["id"],
                "amount": "20.00",
                "open_amount_after": "0.00",
                "discount": "0.00",
            },
            {
                "invoice_id": newer["id"],
                "amount": "90.00",
                "open_amount_after": "0.00",
                "discount": "0.00",
            },
        ],
        "sources": applied["sources"],
        "credit_remaining": "10.00",
    }
    assert await books_balance(client, auth_keys)


async def test_credit_applied_to_listed_invoices_pays_only_those(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    await pay(client, auth_keys, customer_id, "30.00")
    older = await issue(client, auth_keys, customer_id, "20.00", issued="2026-03-10")
    listed = await issue(client, auth_keys, customer_id, "50.00", issued="2026-03-15")

    response = await apply_credit(client, auth_keys, customer_id, invoice_ids=[listed["id"]])

    assert response.json()["allocations"] == [
        {"invoice_id": listed["id"], "amount": "30.00", "discount": "0.00"}
    ]
    assert (await invoice_now(client, auth_keys, listed["id"]))["open_amount"] == "20.00"
    assert (await invoice_now(client, auth_keys, older["id"]))["open_amount"] == "20.00"
    assert await books_balance(client, auth_keys)


@pytest.mark.parametrize(
    ("setup", "body", "status", "slug", "field"),
    [
        ("credit", {"invoice_ids": ["no-such-invoice"]}, 422, "unknown-invoice", "invoice_ids.0"),
        ("credit", {"as_of": "2026-03-07"}, 409, "no-credit-to-apply", "as_of"),
        ("nothing_open", {}, 409, "nothing-to-settle", None),
        ("no_credit", {}, 409, "no-credit-to-apply", "as_of"),
        ("credit", {"invoice_ids": "everything"}, 422, "validation-error", "invoice_ids"),
    ],
)
async def test_credit_that_cannot_be_applied_is_refused_and_nothing_moves(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    setup: str,
    body: dict[str, Any],
    status: int,
    slug: str,
    field: str | None,
) -> None:
    customer_id = await register_customer("EUR")
    if setup != "no_credit":
        await pay(client, auth_keys, customer_id, "30.00")
    if setup != "nothing_open":
        await issue(client, auth_keys, customer_id, "20.00", issued="2026-03-10")
    before = await ledger_db.counts(*PAYMENT_TABLES)

    response = await apply_credit(client, auth_keys, customer_id, **body)

    assert response.status_code == status, response.text
    assert response.json()["type"].endswith(f"/{slug}")
    assert [e["field"] for e in response.json().get("errors", [])] == ([field] if field else [])
    assert await ledger_db.counts(*PAYMENT_TABLES) == before


async def test_credit_of_an_unknown_customer_is_a_404_and_collectors_may_not_apply_it(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    assert (await apply_credit(client, auth_keys, "nobody")).status_code == 404
    customer_id = await register_customer("EUR")
    forbidden = await client.post(
        f"/v1/customers/{customer_id}/credit-applications",
        json={"as_of": "2026-03-20"},
        headers=auth_keys.auth("collector"),
    )
    assert forbidden.status_code == 403
