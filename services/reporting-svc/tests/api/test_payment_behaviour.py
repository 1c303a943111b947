"""GET /v1/reports/payment-behaviour on a history worked out by hand (this module's database
holds only it): who pays late, how late, and who pays well."""

from datetime import date

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.ledger import CreditNoteIssued
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem

from .test_aging_report import issued, paid

MARCH_1 = date(2026, 3, 1)


def bands(**counts: int) -> dict[str, int]:
    return {"on_time": 0, "1_15": 0, "16_30": 0, "31_60": 0, "over_60": 0, **counts}


async def test_late_payers_come_first_with_how_late_they_pay(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    good, late = str(uuid7()), str(uuid7())
    g1, l1, l2, l3, l4 = (str(uuid7()) for _ in range(5))
    facts = [
        issued(good, g1, "100.00", on=MARCH_1, due=date(2026, 3, 31)),
        paid(good, "p-g1", date(2026, 3, 20), {g1: "100.00"}),
        issued(late, l1, "200.00", on=MARCH_1, due=date(2026, 3, 31)),
        paid(late, "p-l1a", date(2026, 4, 10), {l1: "50.00"}),
        paid(late, "p-l1b", date(2026, 4, 20), {l1: "150.00"}),
        issued(late, l2, "100.00", on=MARCH_1, due=date(2026, 3, 15)),
        CreditNoteIssued(
            customer_id=late,
            credit_note_id="n-l2",
            number="CN-1",
            currency="EUR",
            amount="100.00",
            tax="0.00",
            issue_date=date(2026, 3, 14),
            invoice_id=l2,
            invoice_open_amount_after="0.00",
        ),
        # Paid after the window, and never paid: neither counts.
        issued(late, l3, "300.00", on=MARCH_1, due=date(2026, 3, 31)),
        paid(late, "p-l3", date(2026, 6, 15), {l3: "300.00"}),
        issued(late, l4, "80.00", on=MARCH_1, due=date(2026, 3, 31)),
    ]
    for fact in facts:
        await delivery.deliver(fact)

    async def behaviour(**params: str) -> httpx.Response:
        query = {"from": "2026-03-01", "to": "2026-04-30", **params}
        return await client.get(
            "/v1/reports/payment-behaviour", params=query, headers=auth_keys.auth("collector")
        )

    late_row = {
        "customer_id": late,
        "currency": "EUR",
        "invoices_paid": 2,
        "average_days_to_pay": "31.50",  # (50 + 13) / 2
        "average_days_beyond_terms": "13.33",  # (20 x 200 + 0 x 100) / 300
        "share_paid_late_percent": "50.00",
        "longest_delay_days": 20,
        "distribution": bands(on_time=1, **{"16_30": 1}),
    }
    good_row = {
        "customer_id": good,
        "currency": "EUR",
        "invoices_paid": 1,
        "average_days_to_pay": "19.00",
        "average_days_beyond_terms": "0.00",
        "share_paid_late_percent": "0.00",
        "longest_delay_days": 0,
        "distribution": bands(on_time=1),
    }
    response = await behaviour()
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [late_row, good_row]
    assert (await behaviour(direction="asc")).json()["rows"] == [good_row, late_row]
    by_currency = (await behaviour(group_by="currency")).json()["rows"]
    assert [(r["invoices_paid"], r["longest_delay_days"]) for r in by_currency] == [(3, 20)]
    assert_problem(
        await behaviour(**{"from": "2026-05-01"}), 422, "invalid-window", fields=["from"]
    )
    assert_problem(await behaviour(sort="luck"), 422, "validation-error", fields=["sort"])
