import httpx

from ledgerflow_platform.testing import KeyPair, assert_problem

from .steps import (
    TRACE_TABLES,
    assert_books_balance,
    balance,
    customer_with_credit,
    entry_lines,
    request_refund,
)


async def test_a_refund_request_reserves_the_credit_and_owes_it_back(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await customer_with_credit(client, auth_keys, register_customer)

    response = await request_refund(client, auth_keys, customer_id, "30.00")

    assert response.status_code == 201, response.text
    refund = response.json()
    assert (refund["status"], refund["amount"], refund["requested_by"]) == (
        "requested",
        "30.00",
        "alice",
    )
    assert [(d["source"], d["amount"]) for d in refund["drawn_from"]] == [("payment", "30.00")]
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "20.00"
    assert await entry_lines(ledger_db, "refund", refund["id"]) == [
        [("customer_credit", 3000, 0, None), ("refunds_payable", 0, 3000, None)]
    ]
    assert (await ledger_db.outbox(customer_id))[-1] == (
        "ledger.refund_requested.v1",
        {
            "customer_id": customer_id,
            "refund_id": refund["id"],
            "currency": "EUR",
            "amount": "30.00",
            "method": "bank_transfer",
            "requested_on": "2026-04-03",
        },
    )
    await assert_books_balance(client, auth_keys)


async def test_paying_a_refund_sends_the_money_from_the_bank(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await customer_with_credit(client, auth_keys, register_customer)
    refund = (await request_refund(client, auth_keys, customer_id, "50.00")).json()

    paid = await client.post(
        f"/v1/refunds/{refund['id']}:pay",
        json={"paid_on": "2026-04-05"},
        headers=auth_keys.auth("cashier"),
    )

    assert paid.status_code == 200, paid.text
    assert (paid.json()["status"], paid.json()["paid_on"]) == ("paid", "2026-04-05")
    assert (await entry_lines(ledger_db, "refund", refund["id"]))[1] == [
        ("refunds_payable", 5000, 0, None),
        ("bank", 0, 5000, None),
    ]
    assert (await ledger_db.outbox(customer_id))[-1] == (
        "ledger.refund_paid.v1",
        {
            "customer_id": customer_id,
            "refund_id": refund["id"],
            "currency": "EUR",
            "amount": "50.00",
            "paid_on": "2026-04-05",
        },
    )
    again = await client.post(
        f"/v1/refunds/{refund['id']}:pay",
        json={"paid_on": "2026-04-06"},
        headers=auth_keys.auth("cashier"),
    )
    assert_problem(again, 409, "refund-not-pending", fields=["refund_id"])
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "0.00"
    await assert_books_balance(client, auth_keys)


async def test_a_requested_refund_reduces_what_a_second_one_may_take(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await customer_with_credit(client, auth_keys, register_customer)
    await request_refund(client, auth_keys, customer_id, "30.00")
    before = await ledger_db.counts(*TRACE_TABLES)

    second = await request_refund(client, auth_keys, customer_id, "20.01")

    assert_problem(second, 422, "insufficient-credit", fields=["amount"])
    assert "20.00 EUR of credit available" in second.json()["detail"]
    assert await ledger_db.counts(*TRACE_TABLES) == before
    assert (await request_refund(client, auth_keys, customer_id, "20.00")).status_code == 201


async def test_cancelling_a_refund_gives_the_credit_back_and_reverses_the_request(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await customer_with_credit(client, auth_keys, register_customer)
    refund = (await request_refund(client, auth_keys, customer_id, "30.00")).json()

    cancelled = await client.post(
        f"/v1/refunds/{refund['id']}:cancel",
        json={"cancelled_on": "2026-04-04", "reason": "Customer keeps the credit"},
        headers=auth_keys.auth("accountant"),
    )

    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "50.00"
    assert (await entry_lines(ledger_db, "refund", refund["id"]))[1] == [
        ("customer_credit", 0, 3000, None),
        ("refunds_payable", 3000, 0, None),
    ]
    assert (await ledger_db.outbox(customer_id))[-1][0] == "ledger.refund_cancelled.v1"
    pay_after = await client.post(
        f"/v1/refunds/{refund['id']}:pay",
        json={"paid_on": "2026-04-05"},
        headers=auth_keys.auth("admin"),
    )
    assert_problem(pay_after, 409, "refund-not-pending", fields=["refund_id"])
    await assert_books_balance(client, auth_keys)


async def test_a_refund_draws_on_credit_notes_on_account_too(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await customer_with_credit(client, auth_keys, register_customer, "10.00")
    note = await client.post(
        f"/v1/customers/{customer_id}/credit-notes",
        json={"amount": "15.00", "issue_date": "2026-04-01", "reason": "Goodwill"},
        headers=auth_keys.auth("accountant"),
    )
    refund = (await request_refund(client, auth_keys, customer_id, "25.00")).json()

    assert [(d["source"], d["amount"]) for d in refund["drawn_from"]] == [
        ("payment", "10.00"),
        ("credit_note", "15.00"),
    ]
    fetched = await client.get(
        f"/v1/credit-notes/{note.json()['id']}", headers=auth_keys.auth("auditor")
    )
    assert fetched.json()["unapplied_amount"] == "0.00"
    await assert_books_balance(client, auth_keys)
