from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair

from .payment_steps import PAYMENT_TABLES, balance, books_balance, invoice_now, issue, payment

PROBLEMS = "https://ledgerflow.dev/problems/"


async def send(client: httpx.AsyncClient, keys: KeyPair, items: list[Any]) -> httpx.Response:
    return await client.post(
        "/v1/payments:batch", json={"payments": items}, headers=keys.auth("service")
    )


def item(customer_id: str, amount: str, key: str, **more: Any) -> dict[str, Any]:
    return {**payment(customer_id, amount, **more), "idempotency_key": key}


async def test_a_batch_of_a_thousand_payments_is_recorded_in_one_request(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customers = [await register_customer("EUR") for _ in range(10)]
    invoices = [await issue(client, auth_keys, c, "1000.00") for c in customers]
    before = await ledger_db.counts("payments", "payment_allocations", "outbox")
    # 100 payments of 9.99 per customer, interleaved: 999.00 of each 1,000.00 invoice.
    items = [item(customers[n % 10], "9.99", f"thousand-{n}") for n in range(1000)]

    response = await send(client, auth_keys, items)

    assert response.status_code == 200, response.text[:500]
    results = response.json()["results"]
    assert (response.json()["recorded"], response.json()["refused"]) == (1000, 0)
    assert [(r["index"], r["status"], r["replayed"]) for r in results] == [
        (n, 201, False) for n in range(1000)
    ]
    assert results[10]["payment"]["allocations"] == [
        {"invoice_id": invoices[0]["id"], "amount": "9.99", "discount": "0.00"}
    ]
    after = await ledger_db.counts("payments", "payment_allocations", "outbox")
    assert {t: after[t] - before[t] for t in after} == {
        "payments": 1000,
        "payment_allocations": 1000,
        "outbox": 1000,
    }
    for invoice in invoices:
        now = await invoice_now(client, auth_keys, invoice["id"])
        assert (now["open_amount"], now["status"]) == ("1.00", "partially_paid")
    # Each customer's events are numbered in the order of the batch, without gaps.
    [(sequences,)] = await ledger_db.rows(
        "SELECT array_agg(sequence ORDER BY position) FROM outbox WHERE aggregateid = :c",
        c=customers[3],
    )
    assert sequences == list(range(1, 102))
    assert await books_balance(client, auth_keys)


async def test_a_retried_batch_replays_every_payment_without_recording_any_twice(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    await issue(client, auth_keys, customer_id, "100.00")
    items = [item(customer_id, "30.00", f"retry-{n}") for n in range(5)]
    first = await send(client, auth_keys, items)
    before = await ledger_db.counts(*PAYMENT_TABLES)

    again = await send(client, auth_keys, items)

    assert [r["replayed"] for r in again.json()["results"]] == [True] * 5
    assert [r["payment"] for r in again.json()["results"]] == [
        r["payment"] for r in first.json()["results"]
    ]
    assert await ledger_db.counts(*PAYMENT_TABLES) == before
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "50.00"


async def test_a_refused_payment_is_reported_in_its_place_while_the_others_are_recorded(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    invoice = await issue(client, auth_keys, customer_id, "40.00")
    before = await ledger_db.counts("payments", "idempotency_keys")
    items = [
        item(customer_id, "10.00", "mixed-0"),
        item("nobody-we-know", "10.00", "mixed-1"),
        item(customer_id, "10.001", "mixed-2"),
        payment(customer_id, "10.00"),
        item(customer_id, "10.00", "mixed-4", currency="USD"),
        item(
            customer_id,
            "10.00",
            "mixed-5",
            allocations=[{"invoice_id": invoice["id"], "amount": "99.00"}],
        ),
        "not a payment",
        item(customer_id, "5.00", "mixed-7", method="cash"),
    ]

    response = await send(client, auth_keys, items)

    assert response.status_code == 200
    outcomes = [
        (
            r["status"],
            r["problem"]["type"].removeprefix(PROBLEMS) if r["problem"] else None,
            [e["field"] for e in (r["problem"] or {}).get("errors") or []],
        )
        for r in response.json()["results"]
    ]
    assert outcomes == [
        (201, None, []),
        (422, "unknown-customer", ["customer_id"]),
        (422, "invalid-amount", ["amount"]),
        (422, "validation-error", ["idempotency_key"]),
        (422, "currency-mismatch", ["currency"]),
        (422, "over-allocation", ["allocations.0.amount"]),
        (422, "validation-error", ["payment"]),
        (201, None, []),
    ]
    assert (await invoice_now(client, auth_keys, invoice["id"]))["open_amount"] == "25.00"
    after = await ledger_db.counts("payments", "idempotency_keys")
    assert (
        after["payments"] - before["payments"],
        after["idempotency_keys"] - before["idempotency_keys"],
    ) == (2, 2)
    # A refused payment keeps no claim on its key: sent again, corrected, it is recorded.
    fixed = await send(client, auth_keys, [item(customer_id, "10.00", "mixed-2")])
    assert fixed.json()["results"][0]["status"] == 201


async def test_a_key_names_one_payment_in_a_batch_and_in_post_payments_alike(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    single = await client.post(
        "/v1/payments",
        json=payment(customer_id, "12.00"),
        headers={**auth_keys.auth("service"), "Idempotency-Key": "shared-1"},
    )
    items = [
        item(customer_id, "12.00", "shared-1"),
        item(customer_id, "13.00", "shared-1"),
        item(customer_id, "7.00", "twice"),
        item(customer_id, "7.00", "twice"),
        item(customer_id, "8.00", "twice"),
    ]

    results = (await send(client, auth_keys, items)).json()["results"]

    assert (results[0]["replayed"], results[0]["payment"]) == (True, single.json())
    assert results[1]["problem"]["type"] == PROBLEMS + "idempotency-key-reused"
    assert (results[2]["replayed"], results[3]["replayed"]) == (False, True)
    assert results[3]["payment"] == results[2]["payment"]
    assert results[4]["problem"]["type"] == PROBLEMS + "idempotency-key-reused"
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "19.00"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"payments": [{"idempotency_key": f"k{n}"} for n in range(1001)]}, "payments"),
        ({"payments": []}, "payments"),
        ({"payments": {"idempotency_key": "k"}}, "payments"),
        ({"items": []}, "payments"),
    ],
)
async def test_a_malformed_or_oversized_batch_is_refused_whole(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    ledger_db,
    body: dict[str, Any],
    field: str,
) -> None:
    before = await ledger_db.counts(*PAYMENT_TABLES)
    response = await client.post("/v1/payments:batch", json=body, headers=auth_keys.auth("cashier"))
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    assert await ledger_db.counts(*PAYMENT_TABLES) == before


async def test_only_those_who_record_payments_send_batches(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.post(
        "/v1/payments:batch", json={"payments": []}, headers=auth_keys.auth("collector")
    )
    assert response.status_code == 403
