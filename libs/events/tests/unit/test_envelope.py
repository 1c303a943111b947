from datetime import UTC, datetime

import pytest

from ledgerflow_events.envelope import CloudEvent, MalformedEvent

EVENT = CloudEvent(
    id="01a2025c-1292-7f83-a9a2-9d5a011bc71b",
    type="ledger.invoice_issued.v1",
    source="/ledgerflow/ledger",
    subject="customer-1",
    time=datetime(2026, 11, 22, 8, 0, tzinfo=UTC),
    data={"customer_id": "customer-1", "total": "100.00"},
    sequence=7,
    traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    correlation_id="req-1",
)


def test_attributes_travel_as_ce_headers_in_binary_mode() -> None:
    headers = dict(EVENT.to_headers())
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_type"] == b"ledger.invoice_issued.v1"
    assert headers["ce_subject"] == b"customer-1"
    assert headers["ce_sequence"] == b"7"
    assert headers["content-type"] == b"application/json"
    assert headers["ce_dataschema"].endswith(b"/ledger.invoice_issued.v1.json")
    assert headers["traceparent"].startswith(b"00-0af7")
    assert headers["ce_correlationid"] == b"req-1"


def test_an_event_survives_the_round_trip_through_kafka_headers() -> None:
    assert CloudEvent.from_kafka(EVENT.to_headers(), EVENT.to_value()) == EVENT


@pytest.mark.parametrize(
    ("headers", "value"),
    [
        ([], b"{}"),
        ([(k, v) for k, v in EVENT.to_headers() if k != "ce_type"], EVENT.to_value()),
        (EVENT.to_headers(), b"not json"),
        (EVENT.to_headers(), b"[1, 2]"),
        ([(k, b"0.3" if k == "ce_specversion" else v) for k, v in EVENT.to_headers()], b"{}"),
    ],
)
def test_messages_that_are_not_readable_cloud_events_are_malformed(
    headers: list[tuple[str, bytes]], value: bytes
) -> None:
    with pytest.raises(MalformedEvent):
        CloudEvent.from_kafka(headers, value)
