"""The AsyncAPI 3 document partners subscribe with, generated from the same contracts."""

from typing import Any

from ledgerflow_events.contracts.registry import EVENT_TYPES
from ledgerflow_events.envelope import CONTENT_TYPE, SPEC_VERSION

TITLE = "Ledgerflow domain events"


def _message(event_type: str, schema: dict[str, Any]) -> dict[str, Any]:
    model = EVENT_TYPES[event_type]
    return {
        "name": event_type,
        "title": model.__name__,
        "summary": (model.__doc__ or "").strip(),
        "contentType": CONTENT_TYPE,
        "headers": {
            "type": "object",
            "required": [
                "ce_specversion",
                "ce_id",
                "ce_type",
                "ce_source",
                "ce_subject",
                "ce_time",
            ],
            "properties": {
                "ce_specversion": {"const": SPEC_VERSION},
                "ce_id": {"type": "string", "description": "UUIDv7 of the event"},
                "ce_type": {"const": event_type},
                "ce_source": {"type": "string"},
                "ce_subject": {"type": "string", "description": "The customer id (also the key)"},
                "ce_time": {"type": "string", "format": "date-time"},
                "ce_sequence": {"type": "string", "description": "Gap-free per customer"},
                "ce_dataschema": {"type": "string", "format": "uri"},
                "ce_correlationid": {"type": "string"},
                "traceparent": {"type": "string", "description": "W3C trace context"},
            },
        },
        "payload": schema,
    }


def document(schemas: dict[str, dict[str, Any]]) -> dict[str, Any]:
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for event_type, schema in sorted(schemas.items()):
        model = EVENT_TYPES[event_type]
        topic = f"{model.producer}.events"
        key = event_type.replace(".", "_")
        messages[key] = _message(event_type, schema)
        channel = channels.setdefault(
            model.producer,
            {
                "address": topic,
                "description": f"Facts published by {model.producer}-svc",
                "messages": {},
            },
        )
        channel["messages"][key] = {"$ref": f"#/components/messages/{key}"}
    for producer in channels:
        operations[f"receive_{producer}_events"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{producer}"},
            "summary": f"Subscribe to {producer}.events (keyed by customer id)",
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": TITLE,
            "version": "1.0.0",
            "description": "CloudEvents 1.0 in Kafka binary content mode.",
        },
        "defaultContentType": CONTENT_TYPE,
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }
