"""A partner reads our topics with the official CloudEvents SDK, and what it reads is what the
AsyncAPI document promises."""

import asyncio
import json
from datetime import date
from typing import Any

import jsonschema
import pytest
from aiokafka import AIOKafkaConsumer
from cloudevents.core.bindings import kafka

from ledgerflow_events.topics import LEDGER_EVENTS

from ..ops.tools import ROOT
from .conftest import Api
from .flow import issue_invoice, register_customer

pytestmark = pytest.mark.e2e


async def published(bootstrap: str, key: str, event_type: str) -> Any:
    consumer = AIOKafkaConsumer(
        LEDGER_EVENTS, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        async with asyncio.timeout(30):
            while True:
                for records in (await consumer.getmany(timeout_ms=500)).values():
                    for record in records:
                        headers = dict(record.headers)
                        if record.key == key.encode() and headers["ce_type"] == event_type.encode():
                            return record
    finally:
        await consumer.stop()


async def test_the_cloudevents_sdk_reads_an_issued_invoice_as_the_asyncapi_document_says(
    api: Api,
) -> None:
    customer = await register_customer(api, "Contoso Partners BV")
    invoice = await issue_invoice(api, customer, date(2026, 11, 3), "640.00")
    record = await published(api.platform.kafka_bootstrap, customer, "ledger.invoice_issued.v1")

    event = kafka.from_binary_event(
        kafka.KafkaMessage(headers=dict(record.headers), key=record.key, value=record.value)
    )
    assert event.get_specversion() == "1.0"
    assert event.get_type() == "ledger.invoice_issued.v1"
    assert event.get_source() == "/ledgerflow/ledger"
    assert event.get_subject() == customer
    assert event.get_datacontenttype() == "application/json"
    assert event.get_dataschema() == (
        "https://schemas.ledgerflow.dev/events/ledger.invoice_issued.v1.json"
    )
    assert event.get_extension("partitionkey") == customer
    assert event.get_extension("sequence") == "1"  # the ledger's first event for the customer
    time = event.get_time()
    assert time is not None
    assert time.utcoffset() is not None
    data = event.get_data()
    assert isinstance(data, dict)
    assert (data["invoice_id"], data["total"], data["currency"]) == (invoice["id"], "640.00", "EUR")

    document = json.loads((ROOT / "libs" / "events" / "asyncapi.json").read_text())
    message = document["components"]["messages"]["ledger_invoice_issued_v1"]
    jsonschema.validate(data, {**message["payload"], "components": document["components"]})
    headers = {k: v.decode() for k, v in record.headers}
    jsonschema.validate(headers, message["headers"])
