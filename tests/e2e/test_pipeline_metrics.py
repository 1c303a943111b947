"""Ops watch the event pipeline on Prometheus: each service reports it from the real flow."""

from datetime import date

import pytest
from prometheus_client.parser import text_string_to_metric_families

from .conftest import Api
from .flow import issue_invoice, register_customer, until_equal

pytestmark = pytest.mark.e2e


async def samples(api: Api, service: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    text = (await api.client.get(api.platform.url(service) + "/metrics")).text
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(found: dict, name: str, **labels: str) -> float:  # type: ignore[type-arg]
    return float(found.get((name, frozenset(labels.items())), 0.0))


async def test_published_consumed_latency_and_backlog_are_reported(api: Api) -> None:
    issued = "ledger.invoice_issued.v1"
    before = value(
        await samples(api, "credit"),
        "ledgerflow_events_consumed_total",
        service="credit",
        type=issued,
        outcome="applied",
    )
    customer = await register_customer(api, "Metrics Mill Ltd")
    await issue_invoice(api, customer, date(2026, 11, 2), "10.00")

    async def credit_applied() -> float:
        found = await samples(api, "credit")
        return (
            value(
                found,
                "ledgerflow_events_consumed_total",
                service="credit",
                type=issued,
                outcome="applied",
            )
            - before
        )

    await until_equal(credit_applied, 1.0)
    credit = await samples(api, "credit")
    assert (
        value(credit, "ledgerflow_event_latency_seconds_count", service="credit", type=issued) >= 1
    )
    assert (
        value(
            credit, "ledgerflow_event_handler_duration_seconds_count", service="credit", type=issued
        )
        >= 1
    )
    ledger = await samples(api, "ledger")
    assert value(ledger, "ledgerflow_events_published_total", service="ledger", type=issued) >= 1
    assert value(ledger, "ledgerflow_relay_leader", service="ledger") == 1.0

    async def ledger_backlog() -> float:
        return value(await samples(api, "ledger"), "ledgerflow_outbox_backlog", service="ledger")

    await until_equal(ledger_backlog, 0.0)
    http = value(
        ledger,
        "ledgerflow_http_requests_total",
        service="ledger",
        method="POST",
        route="/v1/invoices",
        status="201",
    )
    assert http >= 1
