"""Segregation of duties with the default settings: a manual payment reversal, and a credit
note above 1,000 in its currency, wait for a second user; nobody approves their own request,
admins included; a refund is paid by someone other than who requested it."""

from typing import Any

import httpx
import pytest

from ledger_svc.settings import Settings
from ledgerflow_platform.testing import KeyPair, assert_problem

from ...conftest import TEST_BUSINESS_DATE
from ..adjustments.steps import (
    TRACE_TABLES,
    assert_books_balance,
    balance,
    entry_lines,
    invoice,
    issue,
    pay,
    request_refund,
)


@pytest.fixture(scope="module")
def settings(database_url: str, auth_keys: KeyPair) -> Settings:
    return Settings(
        database_url=database_url,
        auth_public_key=auth_keys.public_pem,
        business_date=TEST_BUSINESS_DATE,
    )


def refused_for(response: httpx.Response, rule: str) -> None:
    body = assert_problem(response, 403, "segregation-of-duties")
    assert body["rule"] == rule, body


async def decide(
    client: httpx.AsyncClient, auth_keys: KeyPair, approval: Any, verb: str, subject: str
) -> httpx.Response:
    return await client.post(
        f"/v1/approvals/{approval['id']}:{verb}",
        headers=auth_keys.auth("admin", subject=subject),
    )


async def test_a_manual_reversal_waits_for_someone_else_and_then_posts(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any, ledger_db: Any
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "100.00")
    payment = await pay(client, auth_keys, customer_id, "100.00")
    before = await ledger_db.counts(*TRACE_TABLES)

    asked = await client.post(
        f"/v1/payments/{payment['id']}:reverse",
        json={"reversed_on": "2026-04-02", "reason": "bounced"},
        headers=auth_keys.auth("admin", subject="alice"),
    )

    assert asked.status_code == 202, asked.text
    held = asked.json()
    assert {k: held[k] for k in ("action", "target", "payload", "status", "requested_by")} == {
        "action": "payment_reversal",
        "target": payment["id"],
        "payload": {"reversed_on": "2026-04-02", "reason": "bounced", "note": None},
        "status": "pending",
        "requested_by": "alice",
    }
    assert await ledger_db.counts(*TRACE_TABLES) == before
    refused_for(
        await decide(client, auth_keys, held, "approve", "alice"), "payment_reversal_approval"
    )
    assert await ledger_db.counts(*TRACE_TABLES) == before

    approved = await decide(client, auth_keys, held, "approve", "bob")

    assert approved.status_code == 200, approved.text
    assert (approved.json()["status"], approved.json()["decided_by"]) == ("approved", "bob")
    assert approved.json()["result_id"] == payment["id"]
    assert (await invoice(client, auth_keys, billed["id"]))["open_amount"] == "100.00"
    assert_problem(
        await decide(client, auth_keys, held, "reject", "carol"), 409, "approval-not-pending"
    )
    await assert_books_balance(client, auth_keys)


async def test_a_credit_note_above_the_threshold_waits_and_a_rejected_one_posts_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any, ledger_db: Any
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "2000.00")
    accountant = auth_keys.auth("accountant", subject="alice")
    note = {"issue_date": "2026-04-02", "reason": "Returned"}
    path = f"/v1/invoices/{billed['id']}/credit-notes"

    small = await client.post(path, json={**note, "amount": "1000.00"}, headers=accountant)
    assert small.status_code == 201, small.text  # at the threshold: issued at once
    whole = await client.post(path, json=note, headers=accountant)  # the 1,000.00 left
    assert whole.status_code == 201, whole.text

    big_invoice = await issue(client, auth_keys, customer_id, "1500.00")
    big_path = f"/v1/invoices/{big_invoice['id']}/credit-notes"
    rejected = await client.post(big_path, json={**note, "amount": "1000.01"}, headers=accountant)
    assert rejected.status_code == 202, rejected.text
    before = await ledger_db.counts(*TRACE_TABLES)
    assert (await decide(client, auth_keys, rejected.json(), "reject", "bob")).json()[
        "status"
    ] == "rejected"
    assert await ledger_db.counts(*TRACE_TABLES) == before

    held = await client.post(big_path, json=note, headers=accountant)  # all 1,500.00 open
    assert held.status_code == 202, held.text
    refused_for(
        await decide(client, auth_keys, held.json(), "approve", "alice"), "credit_note_approval"
    )
    approved = await decide(client, auth_keys, held.json(), "approve", "bob")
    assert approved.status_code == 200, approved.text
    issued = await client.get(
        f"/v1/credit-notes/{approved.json()['result_id']}", headers=auth_keys.auth("auditor")
    )
    assert (issued.json()["amount"], issued.json()["invoice_id"]) == ("1500.00", big_invoice["id"])
    issued_by = await ledger_db.rows(
        "SELECT issued_by FROM credit_notes WHERE id = :n", n=issued.json()["id"]
    )
    assert issued_by == [("alice",)]
    assert await entry_lines(ledger_db, "credit_note", issued.json()["id"]) == [
        [("revenue", 150000, 0, None), ("receivable", 0, 150000, big_invoice["id"])]
    ]
    assert (await balance(client, auth_keys, customer_id))["open_amount"] == "0.00"
    await assert_books_balance(client, auth_keys)


async def test_who_requested_a_refund_may_not_pay_it_even_as_admin(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: Any
) -> None:
    customer_id = await register_customer("EUR")
    await pay(client, auth_keys, customer_id, "50.00")
    refund = (await request_refund(client, auth_keys, customer_id, "30.00")).json()
    pay_path = f"/v1/refunds/{refund['id']}:pay"
    own = await client.post(
        pay_path, json={"paid_on": "2026-04-05"}, headers=auth_keys.auth("admin", subject="alice")
    )
    refused_for(own, "refund_payment")
    paid = await client.post(
        pay_path, json={"paid_on": "2026-04-05"}, headers=auth_keys.auth("cashier", subject="bob")
    )
    assert (paid.status_code, paid.json()["status"]) == (200, "paid"), paid.text
