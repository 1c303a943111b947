import asyncio

import httpx

from ledgerflow_platform.testing import KeyPair

from .payment_steps import balance, books_balance, issue, payment


async def test_batches_and_single_payments_for_the_same_customers_at_once_apply_every_cent_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customers = [await register_customer("EUR") for _ in range(3)]
    for customer_id in customers:
        await issue(client, auth_keys, customer_id, "100.00")
    headers = auth_keys.auth("service")

    def batch(n: int) -> dict[str, object]:
        # Each batch names the customers in another order: locks must still be taken in one.
        order = customers[n % 3 :] + customers[: n % 3]
        return {
            "payments": [
                {**payment(order[k % 3], "1.25"), "idempotency_key": f"race-{n}-{k}"}
                for k in range(30)
            ]
        }

    requests = [client.post("/v1/payments:batch", json=batch(n), headers=headers) for n in range(4)]
    requests += [
        client.post("/v1/payments", json=payment(customers[k % 3], "2.50"), headers=headers)
        for k in range(6)
    ]
    responses = await asyncio.gather(*requests)

    assert [r.status_code for r in responses] == [200] * 4 + [201] * 6
    assert sum(r.json()["recorded"] for r in responses[:4]) == 120
    # Per customer: 40 x 1.25 + 2 x 2.50 = 55.00 paid against 100.00 owed.
    for customer_id in customers:
        owed = await balance(client, auth_keys, customer_id)
        assert (owed["open_amount"], owed["credit_amount"]) == ("45.00", "0.00")
    [(allocated,)] = await ledger_db.rows(
        "SELECT sum(a.amount) FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id "
        "WHERE i.customer_id = ANY(:c)",
        c=customers,
    )
    assert allocated == 3 * 5500
    assert await books_balance(client, auth_keys)
