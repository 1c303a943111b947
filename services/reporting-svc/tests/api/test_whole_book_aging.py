"""The aging of every customer at once, on a database of its own so nothing else is in it."""

from datetime import date

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .aging_view import legacy_view


def issued(customer: str, total: str, due: date, currency: str) -> InvoiceIssued:
    invoice = str(uuid7())
    return InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice,
        number=f"INV-{invoice}",
        currency=currency,
        total=total,
        issue_date=date(2026, 1, 15),
        due_date=due,
    )


def amounts(
    current: str, d1_30: str, d31_60: str, d61_90: str, over_90: str, total: str
) -> dict[str, str]:
    return {"current": current, "days_1_30": d1_30, "days_31_60": d31_60, "days_61_90": d61_90,
            "days_over_90": over_90, "total": total}  # fmt: skip


async def test_every_customer_has_a_row_in_id_order_and_each_currency_its_own_total(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    for fact in [
        issued("cust-b", "100.00", date(2026, 2, 1), "EUR"),  # 148 days late
        issued("cust-a", "40.00", date(2026, 6, 1), "EUR"),  # 29 days late
        issued("cust-a", "15.50", date(2026, 7, 31), "EUR"),  # not yet due
        issued("cust-b", "7.25", date(2026, 5, 1), "USD"),  # 60 days late
        issued("CUST-Z", "3.00", date(2026, 4, 1), "EUR"),  # 90 days late
    ]:
        await delivery.deliver(fact)

    response = await client.get(
        "/v1/reports/aging", params={"as_of": "2026-06-30"}, headers=auth_keys.auth("collector")
    )

    assert response.status_code == 200
    assert legacy_view(response.json()) == {
        "as_of": "2026-06-30",
        "rows": [
            {"customer_id": "CUST-Z", "currency": "EUR",
             **amounts("0.00", "0.00", "0.00", "3.00", "0.00", "3.00")},
            {"customer_id": "cust-a", "currency": "EUR",
             **amounts("15.50", "40.00", "0.00", "0.00", "0.00", "55.50")},
            {"customer_id": "cust-b", "currency": "EUR",
             **amounts("0.00", "0.00", "0.00", "0.00", "100.00", "100.00")},
            {"customer_id": "cust-b", "currency": "USD",
             **amounts("0.00", "0.00", "7.25", "0.00", "0.00", "7.25")},
        ],
        "totals": [
            {"currency": "EUR", **amounts("15.50", "40.00", "0.00", "3.00", "100.00", "158.50")},
            {"currency": "USD", **amounts("0.00", "0.00", "7.25", "0.00", "0.00", "7.25")},
        ],
    }  # fmt: skip
