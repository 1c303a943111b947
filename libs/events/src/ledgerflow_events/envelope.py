"""CloudEvents 1.0 in Kafka binary content mode: attributes in `ce_*` headers, data as the value."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"
SCHEMA_BASE = "https://schemas.ledgerflow.dev/events"

Headers = list[tuple[str, bytes]]


def header_of(record: Any, name: str) -> str | None:
    """A header of a consumed record (aiokafka's ConsumerRecord), as text."""
    for key, value in record.headers or []:
        if key == name:
            return str(value.decode(errors="replace"))
    return None


class MalformedEvent(ValueError):
    """A message on an event topic that is not a CloudEvent we can read."""


def dataschema_for(event_type: str) -> str:
    return f"{SCHEMA_BASE}/{event_type}.json"


@dataclass(frozen=True)
class CloudEvent:
    """One event as it travels: the CloudEvents attributes and the JSON data."""

    id: str
    type: str
    source: str
    subject: str
    time: datetime
    data: dict[str, Any]
    sequence: int | None = None
    traceparent: str | None = None
    correlation_id: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)

    def to_headers(self) -> Headers:
        attributes = {
            "ce_specversion": SPEC_VERSION,
            "ce_id": self.id,
            "ce_type": self.type,
            "ce_source": self.source,
            "ce_subject": self.subject,
            "ce_time": self.time.isoformat(),
            "ce_dataschema": dataschema_for(self.type),
            "content-type": CONTENT_TYPE,
        }
        if self.sequence is not None:
            attributes["ce_sequence"] = str(self.sequence)
        if self.correlation_id:
            attributes["ce_correlationid"] = self.correlation_id
        if self.traceparent:
            attributes["traceparent"] = self.traceparent
        attributes.update(self.extra_headers)
        return [(name, value.encode()) for name, value in attributes.items()]

    def to_value(self) -> bytes:
        return json.dumps(self.data, separators=(",", ":"), sort_keys=True).encode()

    @classmethod
    def from_kafka(cls, headers: Headers | None, value: bytes | None) -> "CloudEvent":
        found = {name: raw.decode(errors="replace") for name, raw in headers or []}
        missing = [h for h in ("ce_id", "ce_type", "ce_source", "ce_time") if h not in found]
        if missing:
            raise MalformedEvent(f"missing CloudEvents headers: {', '.join(missing)}")
        if found.get("ce_specversion") != SPEC_VERSION:
            raise MalformedEvent(f"unsupported ce_specversion {found.get('ce_specversion')!r}")
        try:
            data = json.loads(value or b"")
            time = datetime.fromisoformat(found["ce_time"])
            sequence = int(found["ce_sequence"]) if "ce_sequence" in found else None
        except ValueError as exc:
            raise MalformedEvent(f"unreadable event: {exc}") from exc
        if not isinstance(data, dict):
            raise MalformedEvent("event data is not a JSON object")
        return cls(
            id=found["ce_id"],
            type=found["ce_type"],
            source=found["ce_source"],
            subject=found.get("ce_subject", ""),
            time=time,
            data=data,
            sequence=sequence,
            traceparent=found.get("traceparent"),
            correlation_id=found.get("ce_correlationid"),
        )
