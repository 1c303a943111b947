"""The ledger's open receivables on /metrics, per currency, as the Receivables dashboard and
the reconciliation-difference rule read them."""

from decimal import Decimal

import httpx

from ledgerflow_platform.testing import KeyPair, scraped


async def open_receivables(client: httpx.AsyncClient) -> dict[str, Decimal]:
    page = (await client.get("/metrics")).text
    samples = scraped(page, "ledgerflow_ledger_receivables")
    return {labels.removeprefix("currency="): Decimal(str(v)) for labels, v in samples.items()}


async def test_a_scrape_reports_what_the_invoices_still_owe_per_currency(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    # The module's other tests share the database: compare what this test adds.
    before = await open_receivables(client)
    customer_id = await register_customer("CHF")
    headers = auth_keys.auth("service")
    for price in ("1000.00", "250.55"):
        line = {"description": "Goods", "quantity": "1", "unit_price": price}
        body = {"customer_id": customer_id, "issue_date": "2026-05-01", "lines": [line]}
        assert (await client.post("/v1/invoices", json=body, headers=headers)).status_code == 201
    payment = {
        "customer_id": customer_id,
        "amount": "300.10",
        "currency": "CHF",
        "received_on": "2026-05-10",
    }
    assert (await client.post("/v1/payments", json=payment, headers=headers)).status_code == 201

    after = await open_receivables(client)

    # 1,000.00 + 250.55 invoiced, 300.10 paid oldest first: 950.45 still owed.
    assert after["CHF"] - before.get("CHF", Decimal(0)) == Decimal("950.45")
    assert {k: v for k, v in after.items() if k != "CHF"} == {
        k: v for k, v in before.items() if k != "CHF"
    }
