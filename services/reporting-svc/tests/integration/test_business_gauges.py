"""The worker's business gauges say what the reports say at the same date, in major units."""

import math
from datetime import date
from decimal import Decimal

import httpx
from prometheus_client import REGISTRY
from uuid6 import uuid7

from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.testing import EventDelivery, KeyPair
from reporting_svc.background import refresh_business_gauges
from reporting_svc.projections.kpis.business_measures import GAUGE_BUCKETS
from reporting_svc.projections.kpis.figures import two_places

TODAY = date(2026, 6, 30)


def issued(customer: str, total: str, cur: str, on: date, due: date) -> InvoiceIssued:
    return InvoiceIssued(customer_id=customer, invoice_id=str(uuid7()), number="INV-1",
                         currency=cur, total=total, issue_date=on, due_date=due)  # fmt: skip


async def test_gauges_equal_the_aging_and_dso_reports(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    delivery: EventDelivery,
    settings: ServiceSettings,
) -> None:
    customer = str(uuid7())
    await delivery.deliver(issued(customer, "1234.56", "EUR", date(2026, 4, 1), date(2026, 5, 1)))
    await delivery.deliver(issued(customer, "7000", "JPY", date(2026, 6, 1), TODAY))
    engine = create_engine(settings, pool_size=1)
    try:
        await refresh_business_gauges(session_factory(engine), TODAY)
    finally:
        await engine.dispose()

    params = {"as_of": TODAY.isoformat(), "group_by": "currency"}
    aging = await client.get("/v1/reports/aging", params=params, headers=auth_keys.auth("auditor"))
    dso = await client.get(
        "/v1/reports/dso", params={"as_of": TODAY.isoformat()}, headers=auth_keys.auth("auditor")
    )
    for total in aging.json()["totals"]:
        cur = total["currency"]
        for bucket, span in zip(GAUGE_BUCKETS, total["buckets"], strict=True):
            value = REGISTRY.get_sample_value(
                "ledgerflow_receivables", {"currency": cur, "bucket": bucket}
            )
            assert value == float(Decimal(span["amount"])), (cur, bucket)
    for row in dso.json()["rows"]:
        value = REGISTRY.get_sample_value("ledgerflow_dso_days", {"currency": row["currency"]})
        assert value is not None
        if row["dso_days"] is None:
            assert math.isnan(value)
        else:
            assert two_places(Decimal(str(value))) == row["dso_days"]
    assert {r["currency"] for r in dso.json()["rows"]} >= {"EUR", "JPY"}
    # This module's database holds just these two invoices: exact figures.
    assert REGISTRY.get_sample_value(
        "ledgerflow_receivables", {"currency": "EUR", "bucket": "31_60"}
    ) == float(Decimal("1234.56"))
    assert REGISTRY.get_sample_value(
        "ledgerflow_receivables", {"currency": "JPY", "bucket": "current"}
    ) == float(7000)
    # Sold and owed alike over April, May and June: 91 days.
    assert REGISTRY.get_sample_value("ledgerflow_dso_days", {"currency": "EUR"}) == 91.0
    assert REGISTRY.get_sample_value("ledgerflow_dso_days", {"currency": "JPY"}) == 91.0
