"""Corrupts its own database on purpose: the integrity check must point at each wound."""

from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from ledgerflow_platform.testing import KeyPair


async def execute(ledger_db: Any, sql: str, **params: Any) -> None:
    async with ledger_db.engine.begin() as conn:
        await conn.execute(text(sql), params)


async def check(client: httpx.AsyncClient, auth_keys: KeyPair, name: str) -> dict[str, Any]:
    report = (await client.get("/v1/integrity", headers=auth_keys.auth("auditor"))).json()
    assert report["ok"] is False
    return next(c for c in report["checks"] if c["name"] == name)


async def invoice_and_payment(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer_id: str
) -> tuple[str, str]:
    headers = auth_keys.auth("service")
    line = {"description": "Goods", "quantity": "1", "unit_price": "100.00"}
    invoice = await client.post(
        "/v1/invoices",
        json={"customer_id": customer_id, "issue_date": "2026-06-01", "lines": [line]},
        headers=headers,
    )
    payment = await client.post(
        "/v1/payments",
        json={
            "customer_id": customer_id,
            "amount": "130.00",
            "currency": "EUR",
            "received_on": "2026-06-02",
        },
        headers=headers,
    )
    return invoice.json()["id"], payment.json()["id"]


async def test_the_journal_refuses_to_be_edited_or_deleted(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    await invoice_and_payment(client, auth_keys, customer_id)
    for sql in (
        "UPDATE journal_lines SET credit = credit + 1 WHERE customer_id = :c AND credit > 0",
        "DELETE FROM journal_lines WHERE customer_id = :c",
        "UPDATE journal_entries SET memo = 'edited'",
    ):
        with pytest.raises(DBAPIError, match="the journal is append-only"):
            await execute(ledger_db, sql, c=customer_id)


async def test_an_entry_that_does_not_balance_is_reported_with_its_sums(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    await execute(
        ledger_db,
        "INSERT INTO journal_entries (id, source_type, source_id, business_date, memo) "
        "VALUES ('0000-lopsided', 'payment', 'p-x', '2026-06-01', 'Half an entry')",
    )
    await execute(
        ledger_db,
        "INSERT INTO journal_lines (entry_id, position, account, currency, debit, credit, "
        "customer_id) VALUES ('0000-lopsided', 0, 'bank', 'EUR', 1234, 0, :c)",
        c=customer_id,
    )

    found = await check(client, auth_keys, "entries_balance")
    assert found["violations"] == [
        {"entry_id": "0000-lopsided", "currency": "EUR", "debits": "12.34", "credits": "0.00"}
    ]
    customers = await check(client, auth_keys, "customer_balances")
    assert customers["violations"] == []


async def test_an_invoice_whose_open_amount_disagrees_with_the_journal_is_reported(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    invoice_id, _ = await invoice_and_payment(client, auth_keys, customer_id)
    # Paid in full by the 130.00; pretend 25.00 is still open.
    await execute(
        ledger_db,
        "UPDATE invoices SET open_amount = 2500, status = 'partially_paid' WHERE id = :i",
        i=invoice_id,
    )

    found = await check(client, auth_keys, "invoice_open_amounts")
    assert [v for v in found["violations"] if v["invoice_id"] == invoice_id] == [
        {
            "invoice_id": invoice_id,
            "number": found["violations"][0]["number"],
            "customer_id": customer_id,
            "currency": "EUR",
            "total": "100.00",
            "billable": "100.00",
            "allocated": "100.00",
            "other_credits": "0.00",
            "expected_open": "0.00",
            "journal_open": "0.00",
            "open_amount": "25.00",
            "billed": "100.00",
            "paid": "100.00",
        }
    ]
    customers = await check(client, auth_keys, "customer_balances")
    assert [v for v in customers["violations"] if v["customer_id"] == customer_id] == [
        {
            "customer_id": customer_id,
            "currency": "EUR",
            "open_items": "25.00",
            "credit_held": "30.00",
            "balance": "-5.00",
            "receivable_in_journal": "0.00",
            "credit_in_journal": "30.00",
            "balance_in_journal": "-30.00",
        }
    ]


async def test_credit_held_that_the_journal_never_received_is_reported(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    _, payment_id = await invoice_and_payment(client, auth_keys, customer_id)
    await execute(
        ledger_db, "UPDATE payments SET unapplied_amount = 4000 WHERE id = :p", p=payment_id
    )

    found = await check(client, auth_keys, "customer_balances")
    [mine] = [v for v in found["violations"] if v["customer_id"] == customer_id]
    assert (mine["credit_held"], mine["credit_in_journal"]) == ("40.00", "30.00")
