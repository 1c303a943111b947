"""The cash-in forecast through REST over facts delivered through the real inbox: due dates
shifted by days beyond terms, a promise, a payment plan and a dispute, worked by hand from the
definitions; and for weeks already over, the forecast made then (from the facts recorded by
then) against what was collected."""

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.collections import (
    DisputeOpened,
    PaymentPlanAgreed,
    PlanInstalment,
    PromiseMade,
)
from ledgerflow_events.inbox import Outcome
from ledgerflow_events.testing import as_record, cloud_event
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .test_aging_report import issued, paid


async def recorded_at(delivery: EventDelivery, data: EventData, when: datetime) -> None:
    """Deliver a fact its producer recorded at `when`."""
    event = dataclasses.replace(cloud_event(data), time=when)
    record = as_record(event, topic=f"{data.producer}.events", offset=int(when.timestamp()))
    assert await delivery.processor.process(record) == Outcome.APPLIED


async def forecast(client: httpx.AsyncClient, keys: KeyPair, **params: str) -> dict[str, Any]:
    response = await client.get("/v1/reports/cash-forecast", params=params,
                                headers=keys.auth("accountant"))  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_promises_plans_disputes_and_days_beyond_terms_shape_the_weeks(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    c = str(uuid7())
    facts: list[EventData] = [
        # Paid 10 days late: the customer's days beyond terms are 10.
        issued(c, f"{c}/H", "1000.00", on=date(2026, 9, 1), due=date(2026, 10, 1)),
        paid(c, str(uuid7()), date(2026, 10, 11), {f"{c}/H": "1000.00"}),
        issued(c, f"{c}/1", "400.00", on=date(2026, 12, 1), due=date(2027, 1, 2)),
        issued(c, f"{c}/2", "600.00", on=date(2026, 12, 1), due=date(2027, 1, 20)),
        issued(c, f"{c}/3", "300.00", on=date(2026, 12, 1), due=date(2027, 1, 25)),
        issued(c, f"{c}/4", "900.00", on=date(2026, 11, 1), due=date(2026, 12, 20)),
        paid(c, str(uuid7()), date(2026, 12, 1), {f"{c}/4": "200.00"}),
        DisputeOpened(customer_id=c, dispute_id=str(uuid7()), invoice_id=f"{c}/2",
                      currency="EUR", amount="100.00", opened_on=date(2026, 12, 1)),
        PromiseMade(customer_id=c, promise_id=str(uuid7()), case_id="k", currency="EUR",
                    amount="200.00", made_on=date(2026, 12, 1), promised_on=date(2027, 1, 5),
                    invoice_ids=[f"{c}/3"]),
        PaymentPlanAgreed(customer_id=c, plan_id=str(uuid7()), case_id="k", currency="EUR",
                          invoice_ids=[f"{c}/4"],
                          instalments=[PlanInstalment(due_on=date(2027, 1, 15), amount="450.00"),
                                       PlanInstalment(due_on=date(2027, 2, 15), amount="450.00")]),
    ]  # fmt: skip
    for fact in facts:
        await delivery.deliver(fact)
    body = await forecast(client, auth_keys, customer_id=c, group_by="customer",
                          weeks="4", **{"from": "2027-01-04"})  # fmt: skip
    # W1 promise 200; W2 invoice 1 (2 Jan + 10) 400 and the plan's January instalment, of which
    # 250 is still open (700 open pays the latest instalments first); W4 invoice 2 less the
    # disputed 100 (20 Jan + 10); later the plan's February 450 and invoice 3's 100 left over.
    weeks = [
        ("2027-01-04", "2027-01-10", "200.00"),
        ("2027-01-11", "2027-01-17", "650.00"),
        ("2027-01-18", "2027-01-24", "0.00"),
        ("2027-01-25", "2027-01-31", "500.00"),
    ]
    assert body["rows"] == [{
        "customer_id": c, "currency": "EUR",
        "weeks": [{"week": n + 1, "from": f, "to": t, "expected": e}
                  for n, (f, t, e) in enumerate(weeks)],
        "later": "550.00", "disputed": "100.00",
    }]  # fmt: skip
    assert (body["made_on"], body["known_at"]) == ("2027-01-03", None)


async def test_past_weeks_compare_the_forecast_made_then_with_what_was_collected(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    c = str(uuid7())
    invoice = issued(c, f"{c}/J", "500.00", on=date(2026, 10, 1), due=date(2026, 11, 5))
    await recorded_at(delivery, invoice, datetime(2026, 10, 1, 9, tzinfo=UTC))
    on_time = paid(c, str(uuid7()), date(2026, 11, 10), {f"{c}/J": "300.00"})
    await recorded_at(delivery, on_time, datetime(2026, 11, 10, 9, tzinfo=UTC))
    # Received on 4 November, entered on the 20th: the forecast made on 1 November never knew.
    backdated = paid(c, str(uuid7()), date(2026, 11, 4), {f"{c}/J": "100.00"})
    await recorded_at(delivery, backdated, datetime(2026, 11, 20, 9, tzinfo=UTC))
    body = await forecast(client, auth_keys, customer_id=c, weeks="2", **{"from": "2026-11-02"})
    assert body["known_at"] == "2026-11-02T00:00:00+00:00"
    assert body["rows"] == [{"currency": "EUR", "weeks": [
        {"week": 1, "from": "2026-11-02", "to": "2026-11-08", "expected": "500.00",
         "collected": "100.00", "error": "-400.00"},
        {"week": 2, "from": "2026-11-09", "to": "2026-11-15", "expected": "0.00",
         "collected": "300.00", "error": "300.00"},
    ], "later": "0.00", "disputed": "0.00"}]  # fmt: skip
