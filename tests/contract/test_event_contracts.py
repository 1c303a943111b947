"""Producers and consumers agree on every event."""

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from collections_svc.service import SPEC as COLLECTIONS
from credit_svc.service import SPEC as CREDIT
from customer_svc.service import SPEC as CUSTOMER
from ledger_svc.service import SPEC as LEDGER
from ledgerflow_events.contracts import EVENT_TYPES
from ledgerflow_events.schemas import load_committed
from ledgerflow_platform.spec import ServiceSpec
from reporting_svc.service import SPEC as REPORTING

from .strategies import model_instances

SERVICES = [CUSTOMER, LEDGER, CREDIT, COLLECTIONS, REPORTING]
PRODUCERS = {spec.outbox.source: spec.outbox.topic for spec in SERVICES if spec.outbox}


@pytest.mark.parametrize("spec", SERVICES, ids=lambda s: s.name)
def test_every_handled_event_is_published_on_a_topic_the_service_consumes(
    spec: ServiceSpec,
) -> None:
    for model in spec.handlers:
        event_type = model.event_type()
        assert EVENT_TYPES[event_type] is model, f"{event_type}: not a registered contract"
        assert model.producer in PRODUCERS, f"{event_type}: no service publishes it"
        assert PRODUCERS[model.producer] in spec.consumes, f"{spec.name} never reads {event_type}"


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_every_event_a_producer_can_write_is_valid_against_the_committed_schema(
    event_type: str,
) -> None:
    model = EVENT_TYPES[event_type]
    validator = Draft202012Validator(load_committed()[event_type])

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(model_instances(model))
    def check(event: Any) -> None:
        payload = json.loads(event.model_dump_json())
        assert list(validator.iter_errors(payload)) == []
        # ...and a consumer reads back exactly what was written.
        assert model.model_validate(payload) == event

    check()
