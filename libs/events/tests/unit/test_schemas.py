import json
from typing import ClassVar

from pydantic import BaseModel

from ledgerflow_events.asyncapi import document
from ledgerflow_events.contracts import EVENT_TYPES
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.schemas import (
    ASYNCAPI_FILE,
    breaking_changes,
    generate,
    incompatibilities,
    load_committed,
)


class Shipped(EventData):
    """v1 as published."""

    producer: ClassVar[str] = "test"
    fact: ClassVar[str] = "shipped"

    parcel_id: str
    weight_grams: int
    note: str | None = None


def schema_of(model: type[BaseModel]) -> dict:  # type: ignore[type-arg]
    return model.model_json_schema(mode="serialization")


def test_the_committed_schemas_match_the_event_models() -> None:
    assert load_committed() == generate(), "run `make schemas` and commit the result"


def test_the_committed_asyncapi_document_lists_every_event_on_its_topic() -> None:
    committed = json.loads(ASYNCAPI_FILE.read_text())
    assert committed == document(generate())
    assert committed["channels"]["ledger"]["address"] == "ledger.events"
    ledger_types = {t.replace(".", "_") for t in EVENT_TYPES if t.startswith("ledger.")}
    assert set(committed["channels"]["ledger"]["messages"]) == ledger_types
    assert "ledger_invoice_issued_v1" in ledger_types


def test_the_committed_schemas_have_no_breaking_change_against_the_models() -> None:
    assert incompatibilities(load_committed(), generate()) == {}


def test_adding_an_optional_field_is_compatible() -> None:
    class WithCarrier(Shipped):
        carrier: str | None = None

    assert breaking_changes(schema_of(Shipped), schema_of(WithCarrier)) == []


def test_removing_renaming_retyping_or_requiring_a_field_is_breaking() -> None:
    class Renamed(EventData):
        producer: ClassVar[str] = "test"
        fact: ClassVar[str] = "shipped"
        parcel: str
        weight_grams: str
        note: str | None = None

    assert sorted(breaking_changes(schema_of(Shipped), schema_of(Renamed))) == [
        "parcel: newly required",
        "parcel_id: removed",
        "weight_grams: type changed",
    ]


def test_a_removed_event_type_is_breaking() -> None:
    committed = generate()
    current = dict(committed)
    current.pop("ledger.invoice_paid.v1")
    assert incompatibilities(committed, current) == {
        "ledger.invoice_paid.v1": ["event type removed"]
    }
