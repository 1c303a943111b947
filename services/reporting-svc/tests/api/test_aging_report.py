"""GET /v1/reports/aging over facts delivered through the real inbox, on real Postgres."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.ledger import InvoiceIssued, PaymentAllocation, PaymentReceived
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .aging_view import legacy_view

AS_OF = date(2026, 6, 30)
ZERO = {"current": "0.00", "days_1_30": "0.00", "days_31_60": "0.00", "days_61_90": "0.00"}


def issued(
    customer: str,
    invoice: str,
    total: str,
    *,
    due: date,
    on: date = date(2026, 1, 1),
    cur: str = "EUR",
) -> InvoiceIssued:
    return InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice,
        number=f"INV-{invoice}",
        currency=cur,
        total=total,
        issue_date=on,
        due_date=due,
    )


def paid(customer: str, payment: str, on: date, applied: dict[str, str]) -> PaymentReceived:
    return PaymentReceived(
        customer_id=customer,
        payment_id=payment,
        currency="EUR",
        amount=str(sum(Decimal(a) for a in applied.values())),
        received_on=on,
        allocations=[
            PaymentAllocation(invoice_id=i, amount=a, open_amount_after="0.00")
            for i, a in applied.items()
        ],
        unapplied_amount="0.00",
    )


async def aging(
    client: httpx.AsyncClient, keys: KeyPair, as_of: date, customer: str | None = None
) -> dict[str, Any]:
    params = {"as_of": as_of.isoformat(), **({"customer_id": customer} if customer else {})}
    response = await client.get("/v1/reports/aging", params=params, headers=keys.auth("auditor"))
    assert response.status_code == 200, response.text
    return legacy_view(response.json())


async def test_each_invoice_lands_in_the_bucket_of_its_days_past_due_at_the_boundaries(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer = str(uuid7())
    # Powers of two, so each bucket's sum says exactly which invoices are in it.
    days_late = {-5: "1.00", 0: "2.00", 1: "4.00", 30: "8.00", 31: "16.00", 60: "32.00",
                 61: "64.00", 90: "128.00", 91: "256.00"}  # fmt: skip
    for days, total in days_late.items():
        due = AS_OF - timedelta(days=days)
        await delivery.deliver(issued(customer, f"{customer}/{days}", total, due=due))

    report = await aging(client, auth_keys, AS_OF, customer)

    expected = {"current": "3.00", "days_1_30": "12.00", "days_31_60": "48.00",
                "days_61_90": "192.00", "days_over_90": "256.00", "total": "511.00"}  # fmt: skip
    assert report == {
        "as_of": "2026-06-30",
        "rows": [{"customer_id": customer, "currency": "EUR", **expected}],
        "totals": [{"currency": "EUR", **expected}],
    }


async def test_a_payment_received_after_as_of_does_not_reduce_that_days_aging(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, invoice = str(uuid7()), str(uuid7())
    await delivery.deliver(issued(customer, invoice, "100.00", due=date(2026, 3, 31)))
    await delivery.deliver(paid(customer, "p1", date(2026, 4, 10), {invoice: "40.10"}))

    before = await aging(client, auth_keys, date(2026, 4, 9), customer)
    on_the_day = await aging(client, auth_keys, date(2026, 4, 10), customer)

    assert [r["days_1_30"] for r in before["rows"]] == ["100.00"]
    assert [r["days_1_30"] for r in on_the_day["rows"]] == ["59.90"]


async def test_invoices_not_yet_issued_or_fully_paid_leave_the_customer_out(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, settled = str(uuid7()), str(uuid7())
    await delivery.deliver(issued(customer, settled, "75.00", due=date(2026, 5, 1)))
    await delivery.deliver(paid(customer, "p1", date(2026, 5, 20), {settled: "75.00"}))
    later = issued(customer, str(uuid7()), "10.00", due=date(2026, 8, 1), on=AS_OF + timedelta(1))
    await delivery.deliver(later)

    assert await aging(client, auth_keys, AS_OF, customer) == {
        "as_of": "2026-06-30",
        "rows": [],
        "totals": [],
    }


async def test_two_currencies_give_two_totals_each_at_its_own_scale(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer = str(uuid7())
    await delivery.deliver(issued(customer, str(uuid7()), "1250.40", due=date(2026, 6, 10)))
    await delivery.deliver(issued(customer, str(uuid7()), "98000", due=AS_OF, cur="JPY"))

    report = await aging(client, auth_keys, AS_OF, customer)

    eur = {**ZERO, "days_1_30": "1250.40", "days_over_90": "0.00", "total": "1250.40"}
    jpy = {"current": "98000", "days_1_30": "0", "days_31_60": "0", "days_61_90": "0",
           "days_over_90": "0", "total": "98000"}  # fmt: skip
    assert report["rows"] == [
        {"customer_id": customer, "currency": "EUR", **eur},
        {"customer_id": customer, "currency": "JPY", **jpy},
    ]
    assert report["totals"] == [{"currency": "EUR", **eur}, {"currency": "JPY", **jpy}]


async def test_the_customer_filter_shows_that_customer_and_totals_of_its_own(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    mine, theirs = str(uuid7()), str(uuid7())
    await delivery.deliver(issued(mine, str(uuid7()), "300.00", due=date(2026, 5, 15)))
    await delivery.deliver(issued(theirs, str(uuid7()), "999.99", due=date(2026, 5, 15)))

    report = await aging(client, auth_keys, AS_OF, mine)

    only_mine = {**ZERO, "days_31_60": "300.00", "days_over_90": "0.00", "total": "300.00"}
    assert report["rows"] == [{"customer_id": mine, "currency": "EUR", **only_mine}]
    assert report["totals"] == [{"currency": "EUR", **only_mine}]


async def test_redelivered_events_change_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, invoice = str(uuid7()), str(uuid7())
    facts = [
        (str(uuid7()), issued(customer, invoice, "500.00", due=date(2026, 6, 1))),
        (str(uuid7()), paid(customer, "p1", date(2026, 6, 15), {invoice: "125.00"})),
    ]
    for event_id, fact in facts:
        assert await delivery.deliver(fact, event_id=event_id) == Outcome.APPLIED
    first = await aging(client, auth_keys, AS_OF, customer)

    for event_id, fact in facts:
        assert await delivery.deliver(fact, event_id=event_id) == Outcome.DUPLICATE
        await delivery.deliver(fact)  # the same fact re-published under a new event id

    assert first["rows"][0]["days_1_30"] == "375.00"
    assert await aging(client, auth_keys, AS_OF, customer) == first
