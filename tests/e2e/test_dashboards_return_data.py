"""Every panel of every dashboard shows data from a real Prometheus scraping the real services
after a flow that touches every part: payments, an overdue run, a promise to pay, a dunning
run that breaks it and the notice it sends, a dead-lettered event."""

import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from datetime import date

import httpx
import pytest
import yaml

from ledgerflow_devstack.config import HOST, SERVICES
from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_events.kafka import KafkaConfig, make_producer
from ledgerflow_events.testing import cloud_event, eventually
from ledgerflow_events.topics import LEDGER_EVENTS

from ..ops.tools import DEPLOY, run, tool
from .conftest import Api
from .flow import issue_invoice, pay, register_customer
from .prometheus import PROMETHEUS_DIR, Prometheus, scrape_config

pytestmark = pytest.mark.e2e

# The values Grafana would send with every service selected and a few scrapes per window.
VARIABLES = {
    "$__rate_interval": "1m",
    "${service}": ".*",
    "$service": ".*",
    "${currency}": ".*",
    "$currency": ".*",
}


def panel_queries() -> list[tuple[str, str]]:
    """(where, query) for every target of every panel of every committed dashboard."""
    found = []
    for path in sorted((DEPLOY / "grafana" / "dashboards").glob("*.json")):
        dashboard = json.loads(path.read_text())
        for panel in dashboard["panels"]:
            for target in panel.get("targets", []):
                expr = target["expr"]
                for name, value in VARIABLES.items():
                    expr = expr.replace(name, value)
                found.append((f"{dashboard['title']} / {panel['title']} / {target['refId']}", expr))
    return found


async def without_data(
    prometheus: Prometheus, client: httpx.AsyncClient, queries: list[tuple[str, str]]
) -> list[str]:
    return [where for where, expr in queries if not await prometheus.query(client, expr)]


async def dead_letter_a_poison_invoice(api: Api) -> str:
    """An invoice its consumers cannot apply (more decimals than EUR has): it fails, is
    retried and lands in each consumer's dead letters."""
    poison = InvoiceIssued(
        customer_id=f"poison-{uuid.uuid4()}",
        invoice_id=f"inv-{uuid.uuid4()}",
        number="POISON-1",
        currency="EUR",
        total="10.001",
        issue_date=date(2026, 11, 1),
        due_date=date(2026, 12, 1),
    )
    event = cloud_event(poison)
    producer = make_producer(KafkaConfig(api.platform.kafka_bootstrap))
    await producer.start()
    try:
        await producer.send_and_wait(
            LEDGER_EVENTS,
            value=event.to_value(),
            key=poison.customer_id.encode(),
            headers=event.to_headers(),
        )
    finally:
        await producer.stop()

    async def dead_lettered() -> bool:
        items = (await api.get("credit", "/v1/admin/dead-letters")).json()["items"]
        return any(item["event_id"] == event.id for item in items)

    await eventually(dead_lettered, within=30.0)
    return event.id


async def drive_every_part(api: Api) -> None:
    customer = await register_customer(api, "Panel Proof GmbH")
    await issue_invoice(api, customer, date(2026, 8, 3), "500.00")
    await issue_invoice(api, customer, date(2026, 10, 20), "120.00")
    await pay(api, customer, "200.00", date(2026, 9, 1))
    run_ = await api.post("ledger", "/v1/overdue-runs", {"as_of": "2026-11-20"}, role="accountant")
    assert run_.status_code in (200, 201), run_.text
    await send_a_dunning_notice(api, customer)
    await dead_letter_a_poison_invoice(api)


async def send_a_dunning_notice(api: Api, customer_id: str) -> None:
    """A promise to pay that lapses, then a dunning run as of a day both overdue invoices have
    reached their second level: the run breaks the promise and sends one notice, which the
    sender finishes (a letter, as the customer has no e-mail contact)."""
    cases: list[dict] = []  # type: ignore[type-arg]

    async def case_opened() -> bool:
        nonlocal cases
        response = await api.get("collections", "/v1/cases", customer_id=customer_id)
        cases = response.json()["items"]
        return bool(cases)

    # The case follows the overdue mark, which follows the invoices on the customer's partition.
    await eventually(case_opened, within=30.0)
    promise = await api.post(
        "collections",
        f"/v1/cases/{cases[0]['id']}/promises",
        {
            "amount": "100.00",
            "currency": "EUR",
            "promised_on": "2026-11-21",
            "made_on": "2026-11-20",
        },
        role="credit_manager",
    )
    assert promise.status_code == 201, promise.text
    run_ = await api.post("collections", "/v1/dunning-runs", {"as_of": "2026-11-27"})
    assert run_.status_code == 201, run_.text
    kept_or_broken = await api.get("collections", f"/v1/promises/{promise.json()['id']}")
    assert kept_or_broken.json()["status"] == "broken", kept_or_broken.text

    async def notice_finished() -> bool:
        response = await api.get("collections", "/v1/notices", customer_id=customer_id)
        return any(n["status"] not in ("queued", "sending") for n in response.json()["items"])

    await eventually(notice_finished, within=30.0)


@pytest.fixture(scope="module")
async def prometheus(api_platform_addresses: dict[str, str]) -> AsyncIterator[Prometheus]:
    server = Prometheus(tool("prometheus"), scrape_config(api_platform_addresses))
    async with httpx.AsyncClient(timeout=10.0) as client:
        try:
            await server.start(client)
            await server.wait_for_scrapes(client, jobs=len(SERVICES), scrapes=1)
            yield server
        finally:
            await server.stop()


@pytest.fixture(scope="module")
def api_platform_addresses(platform) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {name: f"{HOST}:{platform.config.service_ports[name]}" for name in SERVICES}


async def test_every_panel_query_returns_data(api: Api, prometheus: Prometheus) -> None:
    await drive_every_part(api)
    queries = panel_queries()
    async with httpx.AsyncClient(timeout=10.0) as client:
        # A few scrapes after the flow, so every rate has two samples that differ.
        await prometheus.wait_for_scrapes(client, jobs=len(SERVICES), scrapes=4)
        missing: list[str] = []

        async def all_have_data() -> bool:
            nonlocal missing
            missing = await without_data(prometheus, client, queries)
            return not missing

        with contextlib.suppress(TimeoutError):
            await eventually(all_have_data, within=30.0)
    answered = len(queries) - len(missing)
    print(f"{answered} of {len(queries)} panel queries returned data")
    assert missing == [], f"no data for: {missing}"
    assert len(queries) >= 20


async def test_a_broken_panel_query_is_reported(prometheus: Prometheus) -> None:
    where, expr = next(q for q in panel_queries() if "ledgerflow_events_published_total" in q[1])
    broken = [
        (
            where,
            expr.replace("ledgerflow_events_published_total", "ledgerflow_events_publish_total"),
        )
    ]
    async with httpx.AsyncClient(timeout=10.0) as client:
        assert await without_data(prometheus, client, broken) == [where]


async def test_prometheus_accepts_the_rules_and_the_scrape_config(prometheus: Prometheus) -> None:
    rules = run(tool("promtool"), "check", "rules", *sorted(PROMETHEUS_DIR.glob("rules/*.yml")))
    assert rules.returncode == 0, rules.stdout + rules.stderr
    config = run(tool("promtool"), "check", "config", prometheus.config_file)
    assert config.returncode == 0, config.stdout + config.stderr
    async with httpx.AsyncClient(timeout=10.0) as client:
        groups = (await client.get(f"{prometheus.url}/api/v1/rules")).json()["data"]["groups"]
    files = sorted(PROMETHEUS_DIR.glob("rules/*.yml"))
    expected = [g["name"] for f in files for g in yaml.safe_load(f.read_text())["groups"]]
    assert sorted(g["name"] for g in groups) == sorted(expected)
