import asyncio

import httpx

from ledgerflow_platform.testing import KeyPair

INVOICE_TOTALS = ["100.00", "45.50", "210.10", "0.99", "63.41"]  # 420.00 in all
PAYMENTS = 20
PAYMENT = "23.57"  # 471.40 in all: 51.40 more than is owed


async def test_twenty_concurrent_payments_allocate_every_cent_exactly_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    headers = auth_keys.auth("service")
    for n, total in enumerate(INVOICE_TOTALS):
        body = {
            "customer_id": customer_id,
            "issue_date": f"2026-01-{n + 10}",
            "lines": [{"description": "Goods", "quantity": "1", "unit_price": total}],
        }
        assert (await client.post("/v1/invoices", json=body, headers=headers)).status_code == 201

    payment = {
        "customer_id": customer_id,
        "amount": PAYMENT,
        "currency": "EUR",
        "received_on": "2026-03-01",
    }
    responses = await asyncio.gather(
        *(client.post("/v1/payments", json=payment, headers=headers) for _ in range(PAYMENTS))
    )

    assert [r.status_code for r in responses] == [201] * PAYMENTS
    allocated_per_invoice = await ledger_db.rows(
        "SELECT i.number, i.total, i.open_amount, sum(a.amount) FROM invoices i "
        "JOIN payment_allocations a ON a.invoice_id = i.id WHERE i.customer_id = :c "
        "GROUP BY i.number, i.total, i.open_amount ORDER BY i.number",
        c=customer_id,
    )
    assert [(total, open_, allocated) for _, total, open_, allocated in allocated_per_invoice] == [
        (10000, 0, 10000),
        (4550, 0, 4550),
        (21010, 0, 21010),
        (99, 0, 99),
        (6341, 0, 6341),
    ]
    [(paid_in, allocated, credit)] = await ledger_db.rows(
        "SELECT sum(p.amount), (SELECT sum(a.amount) FROM payment_allocations a "
        "JOIN payments q ON q.id = a.payment_id WHERE q.customer_id = :c), "
        "sum(p.unapplied_amount) FROM payments p WHERE p.customer_id = :c",
        c=customer_id,
    )
    assert (paid_in, allocated, credit) == (47140, 42000, 5140)
    balance = await client.get(f"/v1/customers/{customer_id}/balance", headers=headers)
    assert (balance.json()["open_amount"], balance.json()["credit_amount"]) == ("0.00", "51.40")
    events = [t for t, _ in await ledger_db.outbox(customer_id)]
    assert events.count("ledger.payment_received.v1") == PAYMENTS
    assert events.count("ledger.invoice_paid.v1") == len(INVOICE_TOTALS)
