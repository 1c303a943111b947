from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

from .payment_steps import (
    EARLY_DISCOUNT,
    PAYMENT_TABLES,
    books_balance,
    invoice_now,
    issue,
    journal_of,
    lines,
    pay,
    payment,
)


async def test_a_payment_listing_invoices_pays_them_in_that_order_and_keeps_the_rest_as_credit(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    oldest = await issue(client, auth_keys, customer_id, "100.00", issued="2026-01-05")
    second = await issue(client, auth_keys, customer_id, "300.00", issued="2026-02-01")
    third = await issue(client, auth_keys, customer_id, "200.00", issued="2026-02-15")

    paid = await pay(
        client,
        auth_keys,
        customer_id,
        "450.00",
        method="cheque",
        allocations=[{"invoice_id": third["id"]}, {"invoice_id": second["id"], "amount": "120.00"}],
    )

    assert (paid["method"], paid["status"], paid["unapplied_amount"]) == (
        "cheque",
        "received",
        "130.00",
    )
    assert paid["allocations"] == [
        {"invoice_id": third["id"], "amount": "200.00", "discount": "0.00"},
        {"invoice_id": second["id"], "amount": "120.00", "discount": "0.00"},
    ]
    assert (await invoice_now(client, auth_keys, oldest["id"]))["open_amount"] == "100.00"
    assert (await invoice_now(client, auth_keys, second["id"]))["status"] == "partially_paid"
    received = [
        p for t, p in await ledger_db.outbox(customer_id) if t.endswith("payment_received.v1")
    ]
    assert (received[0]["method"], received[0]["unapplied_amount"]) == ("cheque", "130.00")
    assert await books_balance(client, auth_keys)


async def test_a_reference_naming_an_invoice_pays_it_before_older_ones(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    oldest = await issue(client, auth_keys, customer_id, "100.00", issued="2026-01-05")
    named = await issue(client, auth_keys, customer_id, "70.00", issued="2026-02-20")

    paid = await pay(
        client, auth_keys, customer_id, "90.00", reference=f"Payment {named['number']} thanks"
    )

    assert [(a["invoice_id"], a["amount"]) for a in paid["allocations"]] == [
        (named["id"], "70.00"),
        (oldest["id"], "20.00"),
    ]


async def test_an_early_payment_discount_closes_the_invoice_with_an_entry_of_its_own(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    invoice = await issue(client, auth_keys, customer_id, "1000.00", terms=EARLY_DISCOUNT)

    # Issued 2026-03-01, 2 % off until 2026-03-11: 980.00 settles it on 2026-03-08.
    paid = await pay(client, auth_keys, customer_id, "980.00")

    assert paid["allocations"] == [
        {"invoice_id": invoice["id"], "amount": "980.00", "discount": "20.00"}
    ]
    now = await invoice_now(client, auth_keys, invoice["id"])
    assert (now["status"], now["open_amount"]) == ("paid", "0.00")
    [discount] = await journal_of(client, auth_keys, customer_id, "early_payment_discount")
    assert (discount["source_id"], discount["business_date"]) == (paid["id"], "2026-03-08")
    assert lines(discount) == [
        ("discounts_allowed", "20.00", "0.00", None),
        ("receivable", "0.00", "20.00", invoice["id"]),
    ]
    [payment_entry] = await journal_of(client, auth_keys, customer_id, "payment")
    assert lines(payment_entry) == [
        ("bank", "980.00", "0.00", None),
        ("receivable", "0.00", "980.00", invoice["id"]),
    ]
    events = await ledger_db.outbox(customer_id)
    assert [t for t, _ in events[1:]] == ["ledger.payment_received.v1", "ledger.invoice_paid.v1"]
    assert events[1][1]["allocations"] == [
        {
            "invoice_id": invoice["id"],
            "amount": "980.00",
            "open_amount_after": "0.00",
            "discount": "20.00",
        }
    ]
    assert await books_balance(client, auth_keys)


async def test_after_the_discount_window_the_full_amount_is_owed(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    invoice = await issue(client, auth_keys, customer_id, "1000.00", terms=EARLY_DISCOUNT)

    paid = await pay(client, auth_keys, customer_id, "980.00", received_on="2026-03-12")

    assert paid["allocations"] == [
        {"invoice_id": invoice["id"], "amount": "980.00", "discount": "0.00"}
    ]
    assert (await invoice_now(client, auth_keys, invoice["id"]))["open_amount"] == "20.00"


@pytest.mark.parametrize(
    ("listing", "slug", "field"),
    [
        ([{"invoice_id": "no-such-invoice"}], "unknown-invoice", "allocations.0.invoice_id"),
        ([{"invoice_id": "{theirs}"}], "invoice-not-payable", "allocations.0.invoice_id"),
        ([{"invoice_id": "{voided}"}], "invoice-not-payable", "allocations.0.invoice_id"),
        ([{"invoice_id": "{mine}", "amount": "50.01"}], "over-allocation", "allocations.0.amount"),
        ([{"invoice_id": "{mine}", "amount": "0.001"}], "invalid-amount", "allocations.0.amount"),
        ([{"invoice_id": "{mine}", "amount": "-1.00"}], "invalid-amount", "allocations.0.amount"),
        (
            [{"invoice_id": "{mine}", "amount": "30.00"}, {"invoice_id": "{mine}"}],
            "invoice-not-payable",
            "allocations.1.invoice_id",
        ),
        ([{"amount": "1.00"}], "validation-error", "allocations.0.invoice_id"),
    ],
)
async def test_an_allocation_the_ledger_cannot_make_is_refused_naming_it_and_writes_nothing(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    listing: list[dict[str, Any]],
    slug: str,
    field: str,
) -> None:
    customer_id, other = await register_customer("EUR"), await register_customer("EUR")
    ids = {
        "mine": (await issue(client, auth_keys, customer_id, "50.00"))["id"],
        "theirs": (await issue(client, auth_keys, other, "50.00"))["id"],
        "voided": (await issue(client, auth_keys, customer_id, "10.00"))["id"],
    }
    void = {"voided_on": "2026-03-02", "reason": "Billed twice"}
    voided = await client.post(
        f"/v1/invoices/{ids['voided']}:void", json=void, headers=auth_keys.auth("accountant")
    )
    assert voided.status_code == 200
    allocations = [
        {k: v.format(**ids) if k == "invoice_id" else v for k, v in a.items()} for a in listing
    ]
    before = await ledger_db.counts(*PAYMENT_TABLES)

    response = await client.post(
        "/v1/payments",
        json=payment(customer_id, "60.00", allocations=allocations),
        headers=auth_keys.auth("cashier"),
    )

    assert response.status_code == 422, response.text
    assert response.json()["type"] == f"https://ledgerflow.dev/problems/{slug}"
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await ledger_db.counts(*PAYMENT_TABLES) == before


async def test_an_unknown_payment_method_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    response = await client.post(
        "/v1/payments",
        json=payment(customer_id, "1.00", method="barter"),
        headers=auth_keys.auth("cashier"),
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["method"]
