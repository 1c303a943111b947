"""Partners' AsyncAPI document: valid for the official parser, Kafka bindings, and an example
for every message that its contract accepts."""

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ledgerflow_events.contracts.registry import EVENT_TYPES

from .tools import ROOT, run_together, tool

DOCUMENT = ROOT / "libs" / "events" / "asyncapi.json"
VALIDATOR = Path(__file__).with_name("validate_asyncapi.mjs")


def load() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DOCUMENT.read_text())
    return loaded


def broken_copy(folder: Path) -> Path:
    """The document with a reference to a schema that does not exist and an operation that
    names no channel."""
    broken = load()
    message = broken["components"]["messages"]["ledger_payment_received_v1"]
    message["payload"]["properties"]["allocations"]["items"]["$ref"] = (
        "#/components/schemas/NoSuchAllocation"
    )
    del broken["operations"]["receive_ledger_events"]["channel"]
    path = folder / "asyncapi.json"
    path.write_text(json.dumps(broken))
    return path


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """The official parser's verdict on the committed document and on a broken copy, both
    parsed at once (each takes seconds)."""
    broken = broken_copy(tmp_path_factory.mktemp("asyncapi"))
    committed, refused = run_together(
        [tool("node"), VALIDATOR, DOCUMENT], [tool("node"), VALIDATOR, broken]
    )
    return {"committed": committed, "broken": refused}


def test_the_official_parser_accepts_the_document(parsed: dict[str, tuple[int, str]]) -> None:
    code, output = parsed["committed"]
    assert code == 0, output
    assert output.strip().endswith("0 errors, 0 other diagnostics"), output


def test_the_parser_refuses_a_broken_document(parsed: dict[str, tuple[int, str]]) -> None:
    code, output = parsed["broken"]
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
