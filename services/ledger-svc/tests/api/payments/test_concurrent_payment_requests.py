"""Single payments sent at the same moment are written together (adapters/payments/desk.py); each
must still get exactly the answer a transaction of its own would have given it."""

import asyncio
from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair

from .payment_steps import issue, payment


def send(
    client: httpx.AsyncClient, keys: KeyPair, body: dict[str, Any], key: str, subject: str = "till"
) -> Any:
    headers = {**keys.auth("cashier", subject=subject), "Idempotency-Key": key}
    return client.post("/v1/payments", json=body, headers=headers)


async def test_concurrent_payments_keep_their_own_answers_keys_and_refusals(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    invoice = await issue(client, auth_keys, customer_id, "100.00")
    good = [send(client, auth_keys, payment(customer_id, "5.00"), f"good-{n}") for n in range(10)]
    retried = [send(client, auth_keys, payment(customer_id, "7.00"), "retried") for _ in range(3)]
    clashing = [
        send(client, auth_keys, payment(customer_id, amount), "clash")
        for amount in ("1.00", "2.00")
    ]
    refused = [
        send(client, auth_keys, payment(customer_id, "3.00", currency="USD"), "wrong-currency"),
        send(client, auth_keys, payment("no-such-customer", "3.00"), "unknown-customer"),
    ]
    # Another caller's key of the same name is another key.
    other_caller = send(client, auth_keys, payment(customer_id, "7.00"), "retried", "bank-feed")

    answers = await asyncio.gather(*good, *retried, *clashing, *refused, other_caller)
    good_answers, rest = answers[:10], answers[10:]
    retried_answers, rest = rest[:3], rest[3:]
    clash_answers, rest = rest[:2], rest[2:]
    (currency, unknown), other = rest[:2], rest[2]

    assert [a.status_code for a in good_answers] == [201] * 10
    assert len({a.json()["id"] for a in good_answers}) == 10
    assert [a.status_code for a in retried_answers] == [201] * 3
    assert len({a.json()["id"] for a in retried_answers}) == 1
    assert sorted(a.headers.get("Idempotent-Replayed", "no") for a in retried_answers) == [
        "no",
        "true",
        "true",
    ]
    assert sorted(a.status_code for a in clash_answers) == [201, 422]
    [clash_refusal] = [a.json() for a in clash_answers if a.status_code == 422]
    assert clash_refusal["type"].endswith("/idempotency-key-reused")
    assert (currency.status_code, currency.json()["errors"][0]["field"]) == (422, "currency")
    assert (unknown.status_code, unknown.json()["errors"][0]["field"]) == (422, "customer_id")
    assert other.status_code == 201
    assert other.json()["id"] != retried_answers[0].json()["id"]

    # 10 x 5.00 + 7.00 + 1.00 or 2.00 + 7.00, each cent applied once, to the one invoice.
    clash_amount = next(a.json()["amount"] for a in clash_answers if a.status_code == 201)
    paid = 5000 + 700 + 700 + (100 if clash_amount == "1.00" else 200)
    [(open_amount,)] = await ledger_db.rows(
        "SELECT open_amount FROM invoices WHERE id = :i", i=invoice["id"]
    )
    assert open_amount == 10000 - paid
    [(payments, allocated)] = await ledger_db.rows(
        "SELECT count(*), sum(a.amount) FROM payments p "
        "JOIN payment_allocations a ON a.payment_id = p.id WHERE p.customer_id = :c",
        c=customer_id,
    )
    assert (payments, allocated) == (13, paid)
    events = [t for t, _ in await ledger_db.outbox(customer_id)]
    assert events.count("ledger.payment_received.v1") == 13
    kept = await ledger_db.rows(
        "SELECT subject, key, status_code FROM idempotency_keys "
        "WHERE key IN ('retried', 'clash', 'wrong-currency', 'unknown-customer') "
        "ORDER BY subject, key"
    )
    assert kept == [("bank-feed", "retried", 201), ("till", "clash", 201), ("till", "retried", 201)]
