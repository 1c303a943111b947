"""One trace from POST /v1/payments at the ledger, through its use case, its outbox, the relay
and Kafka, to reporting's handler of the payment; and the JSON logs that carry it."""

import asyncio
import io
import json
import logging
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRecord
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from uuid6 import uuid7

from ledger_svc.service import SPEC as LEDGER
from ledger_svc.settings import Settings as LedgerSettings
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import Outcome
from ledgerflow_events.kafka import make_producer
from ledgerflow_events.relay import OutboxRelay
from ledgerflow_events.topics import LEDGER_EVENTS
from ledgerflow_platform.database import create_engine
from ledgerflow_platform.logs import configure_logging
from ledgerflow_platform.testing import KeyPair, app_client, event_delivery, migrate
from reporting_svc.service import SPEC as REPORTING
from reporting_svc.settings import Settings as ReportingSettings

EXPORTER = InMemorySpanExporter()
RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture(scope="module")
def spans() -> InMemorySpanExporter:
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    provider.add_span_processor(SimpleSpanProcessor(EXPORTER))
    return EXPORTER


@pytest.fixture
def json_logs(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    """What the service would print to stdout, as it configures its logs in production."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    out = io.StringIO()
    with monkeypatch.context() as patched:
        patched.setattr(sys, "stdout", out)
        configure_logging("ledger", json_lines=True, level="INFO")
    try:
        yield out
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


async def database(pg_server: Any, spec: Any) -> str:
    url: str = pg_server.create_database(spec.name)
    await migrate(spec, url)
    return url


async def read_back(bootstrap: str, customer_id: str, count: int) -> list[ConsumerRecord[Any, Any]]:
    """The customer's messages on ledger.events, as any consumer would read them."""
    consumer = AIOKafkaConsumer(
        LEDGER_EVENTS, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    found: list[ConsumerRecord[Any, Any]] = []
    try:
        async with asyncio.timeout(30):
            while len(found) < count:
                batches = await consumer.getmany(timeout_ms=500)
                found += [r for rs in batches.values() for r in rs if r.key == customer_id.encode()]
    finally:
        await consumer.stop()
    return sorted(found, key=lambda r: r.offset)


def header(record: ConsumerRecord[Any, Any], name: str) -> str:
    return next(v.decode() for k, v in record.headers if k == name)


def only(spans: list[ReadableSpan], name: str, trace_id: int) -> ReadableSpan:
    [found] = [s for s in spans if s.name == name and s.context.trace_id == trace_id]
    return found


async def test_one_trace_runs_from_a_payment_request_to_reportings_handler(
    pg_server: Any,
    kafka_broker: Any,
    auth_keys: KeyPair,
    spans: InMemorySpanExporter,
    json_logs: io.StringIO,
) -> None:
    common = {
        "auth_public_key": auth_keys.public_pem,
        "kafka_bootstrap_servers": kafka_broker.bootstrap_servers,
    }
    ledger = LedgerSettings(database_url=await database(pg_server, LEDGER), **common)
    reporting = ReportingSettings(database_url=await database(pg_server, REPORTING), **common)
    customer_id = str(uuid7())
    registered = CustomerRegistered(
        customer_id=customer_id,
        name="Trace Works Ltd",
        currency="EUR",
        payment_terms_days=30,
        registered_at=datetime(2026, 1, 2, tzinfo=UTC),
    )
    async with event_delivery(LEDGER, ledger) as to_ledger:
        assert await to_ledger.deliver(registered) == Outcome.APPLIED
    async with app_client(LEDGER, ledger) as client:
        invoice = await client.post(
            "/v1/invoices",
            json={
                "customer_id": customer_id,
                "issue_date": "2026-11-02",
                "lines": [{"description": "Audit", "quantity": "1", "unit_price": "300.00"}],
            },
            headers=auth_keys.auth("accountant"),
        )
        assert invoice.status_code == 201, invoice.text
        spans.clear()
        json_logs.seek(0)
        json_logs.truncate()
        payment = await client.post(
            "/v1/payments",
            json={
                "customer_id": customer_id,
                "amount": "300.00",
                "currency": "EUR",
                "received_on": "2026-11-20",
            },
            headers=auth_keys.auth("cashier", subject="cashier-7"),
        )
        assert payment.status_code == 201, payment.text
    request = next(s for s in spans.get_finished_spans() if s.kind == SpanKind.SERVER)
    assert request.name == "POST /v1/payments"
    assert request.parent is None  # the caller sent no traceparent: the ledger started the trace
    trace_id = request.context.trace_id

    # The access log: one line, who called and how it went; never the token.
    lines = [json.loads(line) for line in json_logs.getvalue().splitlines()]
    [access] = [line for line in lines if line["logger"] == "ledgerflow.access"]
    assert RFC3339_UTC.match(access.pop("time"))
    assert access.pop("duration_ms") > 0
    assert access == {
        "level": "INFO",
        "logger": "ledgerflow.access",
        "message": "POST /v1/payments 201",
        "service": "ledger",
        "correlation_id": access["correlation_id"],
        "trace_id": f"{trace_id:032x}",
        "span_id": f"{request.context.span_id:016x}",
        "method": "POST",
        "route": "/v1/payments",
        "status": 201,
        "subject": "cashier-7",
    }
    assert "Bearer" not in json.dumps(lines)

    engine = create_engine(ledger, pool_size=1)
    producer = make_producer(ledger.kafka())
    await producer.start()
    try:
        relay = OutboxRelay(engine, LEDGER.messaging, ledger.kafka(), source="ledger")
        async with engine.connect() as conn:
            assert await relay.publish_pending(conn, producer) >= 2
    finally:
        await producer.stop()
        await engine.dispose()
    records = await read_back(kafka_broker.bootstrap_servers, customer_id, count=3)
    [received] = [r for r in records if header(r, "ce_type") == "ledger.payment_received.v1"]
    assert header(received, "traceparent").split("-")[1] == f"{trace_id:032x}"

    async with event_delivery(REPORTING, reporting) as to_reporting:
        assert await to_reporting.deliver(registered) == Outcome.APPLIED
        outcomes = {header(r, "ce_type"): await to_reporting.processor.process(r) for r in records}
    assert outcomes["ledger.invoice_issued.v1"] == Outcome.APPLIED
    assert outcomes["ledger.payment_received.v1"] == Outcome.APPLIED

    finished = spans.get_finished_spans()
    append = only(finished, "outbox append", trace_id)
    publish = next(
        s
        for s in finished
        if s.name == "ledger.events publish"
        and s.attributes is not None
        and s.attributes["cloudevents.event_type"] == "ledger.payment_received.v1"
    )
    handled = only(finished, "ledger.payment_received.v1 process", trace_id)
    desk = only(finished, "use_case record_keyed_payment", trace_id)
    group = only(finished, "use_case record_keyed_payments", trace_id)
    assert publish.context.trace_id == trace_id
    assert append.parent is not None
    assert publish.parent is not None
    assert handled.parent is not None
    assert desk.parent is not None
    assert group.parent is not None
    # request -> the payment at the desk -> its group's use case -> outbox row -> relay's
    # publish -> reporting's consumer, parent by parent
    assert desk.parent.span_id == request.context.span_id
    assert group.parent.span_id == desk.context.span_id
    assert append.parent.span_id == group.context.span_id
    assert publish.parent.span_id == append.context.span_id
    assert handled.parent.span_id == publish.context.span_id
    assert handled.kind == SpanKind.CONSUMER
    assert publish.kind == SpanKind.PRODUCER
