"""The AsyncAPI 3 document partners subscribe with, generated from the same contracts: one
channel per producer's topic, Kafka bindings (the key is the customer id), the CloudEvents
headers, each message's payload schema and an example of it."""

from typing import Any

from ledgerflow_events.asyncapi_examples import example_payload
from ledgerflow_events.contracts.registry import EVENT_TYPES
from ledgerflow_events.envelope import CONTENT_TYPE, SPEC_VERSION, dataschema_for
from ledgerflow_events.topics import DEFAULT_PARTITIONS

TITLE = "Ledgerflow domain events"
KAFKA_BINDING = "0.5.0"
Schema = dict[str, Any]

SERVERS = {
    "local": {
        "host": "127.0.0.1:9092",
        "protocol": "kafka",
        "description": "The embedded broker of `make up` (Kafka wire protocol, no auth)",
    },
    "compose": {
        "host": "kafka:9092",
        "protocol": "kafka",
        "description": "Apache Kafka of docker-compose.yml, from inside its network",
    },
}
HEADERS: Schema = {
    "type": "object",
    "required": ["ce_specversion", "ce_id", "ce_type", "ce_source", "ce_subject", "ce_time"],
    "properties": {
        "ce_specversion": {"const": SPEC_VERSION, "description": "CloudEvents version"},
        "ce_id": {"type": "string", "description": "UUIDv7 of the event; consumers dedupe on it"},
        "ce_type": {"type": "string", "description": "<producer>.<fact>.v<version>"},
        "ce_source": {"type": "string", "description": "/ledgerflow/<producing service>"},
        "ce_subject": {"type": "string", "description": "The customer id (also the key)"},
        "ce_time": {"type": "string", "format": "date-time", "description": "When it happened"},
        "ce_sequence": {"type": "string", "description": "Gap-free per customer and producer"},
        "ce_dataschema": {"type": "string", "format": "uri", "description": "The JSON Schema"},
        "ce_correlationid": {"type": "string", "description": "The request or event behind it"},
        "traceparent": {"type": "string", "description": "W3C trace context"},
        "content-type": {"const": CONTENT_TYPE, "description": "The value is JSON"},
    },
}


def _components_refs(schema: Any) -> Any:
    """Pydantic's local `#/$defs/X` refs, pointed at the document's shared schemas."""
    if isinstance(schema, dict):
        return {
            key: (
                value.replace("#/$defs/", "#/components/schemas/")
                if key == "$ref"
                else _components_refs(value)
            )
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_components_refs(item) for item in schema]
    return schema


def _message(event_type: str, schema: Schema) -> Schema:
    model = EVENT_TYPES[event_type]
    payload = {k: v for k, v in schema.items() if k not in ("$id", "$schema", "$defs")}
    example = example_payload(schema)
    return {
        "name": event_type,
        "title": model.__name__,
        "summary": (model.__doc__ or "").strip(),
        "contentType": CONTENT_TYPE,
        "headers": HEADERS,
        "payload": _components_refs(payload),
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": "The customer id, as in ce_subject"},
                "bindingVersion": KAFKA_BINDING,
            }
        },
        "examples": [
            {
                "name": f"{model.__name__}Example",
                "summary": f"A {event_type} event as it is on the topic",
                "headers": {
                    "ce_specversion": SPEC_VERSION,
                    "ce_id": "0193b0c2-9e77-7b1d-a3f0-5c6d7e8f9a0b",
                    "ce_type": event_type,
                    "ce_source": f"/ledgerflow/{model.producer}",
                    "ce_subject": example["customer_id"],
                    "ce_time": "2026-11-02T09:30:00.125000+00:00",
                    "ce_sequence": "7",
                    "ce_dataschema": dataschema_for(event_type),
                    "content-type": CONTENT_TYPE,
                },
                "payload": example,
            }
        ],
    }


def document(schemas: dict[str, Schema]) -> Schema:
    channels: Schema = {}
    operations: Schema = {}
    messages: Schema = {}
    shared: Schema = {}
    for event_type, schema in sorted(schemas.items()):
        model = EVENT_TYPES[event_type]
        topic = f"{model.producer}.events"
        key = event_type.replace(".", "_")
        messages[key] = _message(event_type, schema)
        for name, definition in schema.get("$defs", {}).items():
            previous = shared.setdefault(name, _components_refs(definition))
            assert previous == _components_refs(definition), f"two schemas named {name}"
        channel = channels.setdefault(
            model.producer,
            {
                "address": topic,
                "title": topic,
                "description": f"Facts published by {model.producer}-svc, keyed by customer id "
                "so that one customer's events are read in order",
                "messages": {},
                "bindings": {
                    "kafka": {
                        "topic": topic,
                        "partitions": DEFAULT_PARTITIONS,
                        "bindingVersion": KAFKA_BINDING,
                    }
                },
            },
        )
        channel["messages"][key] = {"$ref": f"#/components/messages/{key}"}
    for producer, channel in channels.items():
        operations[f"receive_{producer}_events"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{producer}"},
            "summary": f"Subscribe to {channel['address']}",
            "messages": [
                {"$ref": f"#/channels/{producer}/messages/{key}"} for key in channel["messages"]
            ],
            "bindings": {
                "kafka": {
                    "groupId": {"type": "string", "description": "Your own consumer group"},
                    "bindingVersion": KAFKA_BINDING,
                }
            },
        }
    return {
        "asyncapi": "3.1.0",
        "info": {
            "title": TITLE,
            "version": "1.0.0",
            "description": "CloudEvents 1.0 in Kafka binary content mode: the attributes in "
            "`ce_*` headers, the JSON data as the value, the customer id as the key. Readers "
            "must ignore fields they do not know; a breaking change is a new version.",
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": SERVERS,
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": dict(sorted(shared.items()))},
    }
