"""Partners' AsyncAPI document: valid for the official parser, Kafka bindings, and an example
for every message that its contract accepts."""

import json
from pathlib import Path
from typing import Any

import jsonschema

from ledgerflow_events.contracts.registry import EVENT_TYPES

from .tools import ROOT, run, tool

DOCUMENT = ROOT / "libs" / "events" / "asyncapi.json"
VALIDATOR = Path(__file__).with_name("validate_asyncapi.mjs")


def parse(document: Path) -> tuple[int, str]:
    result = run(tool("node"), VALIDATOR, document, timeout=180)
    return result.returncode, result.stdout + result.stderr


def load() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DOCUMENT.read_text())
    return loaded


def test_the_official_parser_accepts_the_document() -> None:
    code, output = parse(DOCUMENT)
    assert code == 0, output
    assert output.strip().endswith("0 errors, 0 other diagnostics"), output


def test_the_parser_refuses_a_broken_document(tmp_path: Path) -> None:
    broken = load()
    message = broken["components"]["messages"]["ledger_payment_received_v1"]
    message["payload"]["properties"]["allocations"]["items"]["$ref"] = (
        "#/components/schemas/NoSuchAllocation"
    )
    del broken["operations"]["receive_ledger_events"]["channel"]
    (tmp_path / "asyncapi.json").write_text(json.dumps(broken))
    code, output = parse(tmp_path / "asyncapi.json")
    assert code != 0
    assert "NoSuchAllocation" in output


def test_every_message_has_kafka_bindings_keyed_by_customer_and_an_example_its_contract_takes() -> (
    None
):
    document = load()
    assert set(document["servers"]) == {"local", "compose"}
    for channel in document["channels"].values():
        assert channel["bindings"]["kafka"]["topic"] == channel["address"]
    messages = document["components"]["messages"]
    assert sorted(m["name"] for m in messages.values()) == sorted(EVENT_TYPES)
    for message in messages.values():
        assert "customer id" in message["bindings"]["kafka"]["key"]["description"]
        [example] = message["examples"]
        payload = example["payload"]
        EVENT_TYPES[message["name"]].model_validate(payload)
        schema = {**message["payload"], "components": document["components"]}
        jsonschema.validate(payload, schema)
        assert example["headers"]["ce_subject"] == payload["customer_id"]
        assert example["headers"]["ce_type"] == message["name"]


def described(schema: dict[str, Any], where: str) -> list[str]:
    missing = []
    for name, prop in schema.get("properties", {}).items():
        if "description" not in prop:
            missing.append(f"{where}.{name}")
    return missing


def test_every_field_of_every_message_is_described() -> None:
    document = load()
    missing = []
    for key, message in document["components"]["messages"].items():
        missing += described(message["payload"], key)
    for name, schema in document["components"]["schemas"].items():
        missing += described(schema, name)
    assert missing == []
