import asyncio
from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair


async def issue(
    client: httpx.AsyncClient, headers: dict[str, str], customer_id: str, total: str, due: str
) -> dict[str, Any]:
    body = {
        "customer_id": customer_id,
        "issue_date": "2026-01-01",
        "due_date": due,
        "lines": [{"description": "Goods", "quantity": "1", "unit_price": total}],
    }
    response = await client.post("/v1/invoices", json=body, headers=headers)
    assert response.status_code == 201
    return dict(response.json())


async def run(client: httpx.AsyncClient, headers: dict[str, str], as_of: str) -> int:
    response = await client.post("/v1/overdue-runs", json={"as_of": as_of}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["as_of"] == as_of
    return int(response.json()["invoices_marked_overdue"])


async def overdue_events(ledger_db: Any, customer_id: str) -> list[dict[str, Any]]:
    events = await ledger_db.outbox(customer_id)
    return [payload for kind, payload in events if kind == "ledger.invoice_overdue.v1"]


async def test_an_overdue_run_marks_each_unpaid_invoice_past_due_once_however_often_it_runs(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    headers = auth_keys.auth("accountant")
    late = await issue(client, headers, customer_id, "80.00", due="2026-02-09")
    paid = await issue(client, headers, customer_id, "20.00", due="2026-02-01")
    later = await issue(client, headers, customer_id, "50.00", due="2026-03-31")
    payment = {"customer_id": customer_id, "amount": "30.00", "currency": "EUR"}
    await client.post(
        "/v1/payments", json={**payment, "received_on": "2026-02-05"}, headers=headers
    )

    assert await run(client, headers, "2026-03-01") == 1
    assert await run(client, headers, "2026-03-01") == 0
    assert await run(client, headers, "2026-02-20") == 0
    assert await overdue_events(ledger_db, customer_id) == [
        {
            "customer_id": customer_id,
            "invoice_id": late["id"],
            "currency": "EUR",
            "open_amount": "70.00",
            "due_date": "2026-02-09",
            "as_of": "2026-03-01",
        }
    ]
    balance = (await client.get(f"/v1/customers/{customer_id}/balance", headers=headers)).json()
    assert (balance["open_amount"], balance["overdue_amount"]) == ("120.00", "70.00")
    # Due on the as-of date is not yet late; the day after, it is.
    assert await run(client, headers, "2026-03-31") == 0
    assert await run(client, headers, "2026-04-01") == 1
    assert await run(client, headers, "2026-12-31") == 0
    marked = [e["invoice_id"] for e in await overdue_events(ledger_db, customer_id)]
    assert marked == [late["id"], later["id"]]
    fetched = await client.get(f"/v1/invoices/{paid['id']}", headers=headers)
    assert (fetched.json()["status"], fetched.json()["overdue"]) == ("paid", False)
    fetched = await client.get(f"/v1/invoices/{later['id']}", headers=headers)
    assert (fetched.json()["status"], fetched.json()["overdue"]) == ("issued", True)


async def test_concurrent_overdue_runs_and_payments_mark_each_invoice_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customers = [await register_customer("EUR") for _ in range(4)]
    headers = auth_keys.auth("service")
    for customer_id in customers:
        for due in ("2040-01-10", "2040-01-20", "2040-01-30"):
            await issue(client, headers, customer_id, "10.00", due=due)
    [(before,)] = await ledger_db.rows(
        "SELECT count(*) FROM outbox WHERE type = 'ledger.invoice_overdue.v1'"
    )
    payments = [
        client.post(
            "/v1/payments",
            json={
                "customer_id": c,
                "amount": "5.00",
                "currency": "EUR",
                "received_on": "2040-01-05",
            },
            headers=headers,
        )
        for c in customers
    ]
    runs = [
        client.post("/v1/overdue-runs", json={"as_of": as_of}, headers=headers)
        for as_of in ("2040-02-01", "2040-02-01", "2040-01-25", "2040-03-01", "2040-02-01")
    ]

    responses = await asyncio.gather(*payments, *runs)

    assert [r.status_code for r in responses] == [201] * 4 + [200] * 5
    marked = sum(r.json()["invoices_marked_overdue"] for r in responses[4:])
    [(after,)] = await ledger_db.rows(
        "SELECT count(*) FROM outbox WHERE type = 'ledger.invoice_overdue.v1'"
    )
    assert marked == after - before == 12
    for customer_id in customers:
        events = await overdue_events(ledger_db, customer_id)
        assert len({e["invoice_id"] for e in events}) == len(events) == 3


async def test_an_invoice_in_instalments_falls_overdue_when_its_first_unpaid_instalment_does(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await register_customer("EUR")
    headers = auth_keys.auth("accountant")
    terms = {
        "kind": "instalments",
        "instalments": [{"percent": "30", "days": 0}, {"percent": "70", "days": 60}],
    }
    invoices = []
    for _ in range(2):
        body = {
            "customer_id": customer_id,
            "issue_date": "2026-01-01",
            "terms": terms,
            "lines": [{"description": "Goods", "quantity": "1", "unit_price": "100.00"}],
        }
        response = await client.post("/v1/invoices", json=body, headers=headers)
        assert response.status_code == 201, response.text
        invoices.append(response.json())
    unpaid, first_paid = invoices
    payment = {
        "customer_id": customer_id,
        "amount": "30.00",
        "currency": "EUR",
        "received_on": "2026-01-01",
        "allocations": [{"invoice_id": first_paid["id"], "amount": "30.00"}],
    }
    assert (await client.post("/v1/payments", json=payment, headers=headers)).status_code == 201

    # Both are due in full on 2026-03-02; the first 30.00 of each was due on issue.
    assert await run(client, headers, "2026-01-05") == 1
    assert await run(client, headers, "2026-03-02") == 0
    assert await run(client, headers, "2026-03-03") == 1
    assert await overdue_events(ledger_db, customer_id) == [
        {
            "customer_id": customer_id,
            "invoice_id": unpaid["id"],
            "currency": "EUR",
            "open_amount": "100.00",
            "due_date": "2026-01-01",
            "as_of": "2026-01-05",
        },
        {
            "customer_id": customer_id,
            "invoice_id": first_paid["id"],
            "currency": "EUR",
            "open_amount": "70.00",
            "due_date": "2026-03-02",
            "as_of": "2026-03-03",
        },
    ]
