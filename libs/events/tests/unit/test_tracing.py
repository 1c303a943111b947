"""The traceparent travels on whether spans are recorded or not."""

import subprocess
import sys

from ledgerflow_events import tracing

PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

# An SDK is installed in a process of its own: the global provider can be set only once.
WITH_AN_SDK = f"""
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from ledgerflow_events import tracing
trace.set_tracer_provider(TracerProvider())
with tracing.span("child", parent="{PARENT}") as child, tracing.span("grandchild") as grand:
    print(child, grand)
"""


def test_without_an_sdk_a_span_hands_on_its_parent() -> None:
    with tracing.span("POST /v1/credit-checks", parent=PARENT) as handed_on:
        assert handed_on == PARENT
        with tracing.span("outbox append") as nested:
            assert nested is None
        assert tracing.current_traceparent() is None


def test_without_an_sdk_or_a_parent_a_span_hands_on_nothing() -> None:
    with tracing.span("relay") as handed_on:
        assert handed_on is None


def test_with_an_sdk_a_span_continues_its_parents_trace() -> None:
    done = subprocess.run(  # noqa: S603 - this interpreter, our own probe
        [sys.executable, "-c", WITH_AN_SDK], capture_output=True, text=True, timeout=60, check=True
    )
    child, grand = done.stdout.split()
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    assert tracing.ids_of(child)[0] == tracing.ids_of(grand)[0] == trace_id
    spans = {tracing.ids_of(child)[1], tracing.ids_of(grand)[1], "00f067aa0ba902b7"}
    assert len(spans) == 3


def test_a_new_trace_is_well_formed_and_new_each_time() -> None:
    fresh = [tracing.new_traceparent() for _ in range(1000)]
    assert len(set(fresh)) == 1000
    for traceparent in fresh:
        trace_id, span_id = tracing.ids_of(traceparent)
        assert traceparent == f"00-{trace_id}-{span_id}-01"
        assert int(trace_id or "0", 16) > 0
        assert int(span_id or "0", 16) > 0
