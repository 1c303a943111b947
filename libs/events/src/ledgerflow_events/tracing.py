"""One trace per business flow, across REST calls, the outbox, the relay, Kafka and consumers.

The W3C `traceparent` travels the whole way: the HTTP request's span, stored in the outbox row,
set on the Kafka message by the relay's producer span, continued by the consumer's span, and
stored again in the rows its handler writes. Spans are recorded only where an OpenTelemetry SDK
is installed (ledgerflow_platform.telemetry does it); without one they cost next to nothing and
the traceparent still travels, so a flow's logs and events share one trace id."""

import functools
import random
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, ParamSpec, TypeVar

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import Link, Span, SpanContext, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from opentelemetry.util.types import Attributes

from ledgerflow_events.envelope import CloudEvent

tracer = trace.get_tracer("ledgerflow")
_PROPAGATOR = TraceContextTextMapPropagator()
P = ParamSpec("P")
R = TypeVar("R")


def new_traceparent() -> str:
    """A fresh trace (sampled), for work that arrives without one and is not being recorded.
    Its ids need to be unique, not secret: drawn as OpenTelemetry's SDK draws them, without a
    system call for each (never all zeros, which would be no trace)."""
    trace_id, span_id = random.getrandbits(128) or 1, random.getrandbits(64) or 1
    return f"00-{trace_id:032x}-{span_id:016x}-01"


def _recording() -> bool:
    """Whether an OpenTelemetry SDK is installed. Without one, the API's spans record nothing
    and carry only their parent's context, which `span` hands on itself: going through them
    anyway cost the credit check about 6% of its API's CPU."""
    return not isinstance(
        trace.get_tracer_provider(), trace.ProxyTracerProvider | trace.NoOpTracerProvider
    )


def parent_from(traceparent: str | None) -> Context | None:
    return _PROPAGATOR.extract({"traceparent": traceparent}) if traceparent else None


def traceparent_of(span: Span) -> str | None:
    if not span.get_span_context().is_valid:
        return None
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier, context=trace.set_span_in_context(span))
    return carrier.get("traceparent")


def current_traceparent() -> str | None:
    """The traceparent of the span in progress, if one is being recorded."""
    return traceparent_of(trace.get_current_span())


def ids_of(traceparent: str | None) -> tuple[str | None, str | None]:
    """(trace id, span id) of a traceparent, as logs show them."""
    parts = (traceparent or "").split("-")
    if len(parts) != 4 or len(parts[1]) != 32 or len(parts[2]) != 16:
        return None, None
    return parts[1], parts[2]


@contextmanager
def span(
    name: str,
    *,
    kind: SpanKind = SpanKind.INTERNAL,
    parent: str | None = None,
    attributes: Attributes = None,
    links: Sequence[Link] = (),
) -> Iterator[str | None]:
    """A span as the current one, the child of `parent` (a traceparent) when given, else of
    the span in progress. Yields the traceparent to hand on: the new span's when it is
    recorded, else `parent`'s, so the trace goes on either way."""
    if not _recording():
        yield parent
        return
    with tracer.start_as_current_span(
        name, context=parent_from(parent), kind=kind, attributes=attributes, links=links
    ) as current:
        yield traceparent_of(current) or parent


def consumer_span(service: str, event: CloudEvent) -> AbstractContextManager[str | None]:
    """The span of one consumer applying one event, continuing the event's trace."""
    return span(
        f"{event.type} process",
        kind=SpanKind.CONSUMER,
        parent=event.traceparent,
        attributes={
            "messaging.system": "kafka",
            "messaging.operation.type": "process",
            "messaging.consumer.group.name": f"{service}-svc",
            "messaging.message.id": event.id,
            "cloudevents.event_type": event.type,
            "cloudevents.event_subject": event.subject,
        },
    )


def consumer_run_span(
    service: str, events: Sequence[CloudEvent]
) -> AbstractContextManager[str | None]:
    """The span of one consumer applying a run of events of one type with one call
    (together.py): a trace of its own, linked to each event's, as OpenTelemetry's messaging
    conventions trace a batch."""
    links = [Link(c) for e in events if (c := _span_context_of(e.traceparent)) is not None]
    return span(
        f"{events[0].type} process",
        kind=SpanKind.CONSUMER,
        links=links,
        attributes={
            "messaging.system": "kafka",
            "messaging.operation.type": "process",
            "messaging.consumer.group.name": f"{service}-svc",
            "messaging.batch.message_count": len(events),
            "cloudevents.event_type": events[0].type,
        },
    )


def _span_context_of(traceparent: str | None) -> SpanContext | None:
    found = trace.get_current_span(parent_from(traceparent)).get_span_context()
    return found if found.is_valid else None


def producer_span(source: str, event: CloudEvent, topic: str) -> AbstractContextManager[str | None]:
    """The span of the relay publishing one outbox row, a child of the row's trace."""
    return span(
        f"{topic} publish",
        kind=SpanKind.PRODUCER,
        parent=event.traceparent,
        attributes={
            "messaging.system": "kafka",
            "messaging.operation.type": "publish",
            "messaging.destination.name": topic,
            "messaging.message.id": event.id,
            "cloudevents.event_type": event.type,
            "cloudevents.event_source": source,
        },
    )


def outbox_span(topic: str, count: int) -> AbstractContextManager[str | None]:
    """The span of events written to the outbox; the rows keep its traceparent."""
    return span(
        "outbox append",
        attributes={"messaging.destination.name": topic, "messaging.batch.message_count": count},
    )


def use_case(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    """Traces a use case as a span of its own, "use_case <name>", between the request or event
    that asked for it and the outbox rows it writes: a slow trace shows which step was slow."""
    name = f"use_case {func.__name__}"
    attributes = {"code.namespace": func.__module__, "code.function": func.__qualname__}

    @functools.wraps(func)
    async def traced(*args: P.args, **kwargs: P.kwargs) -> R:
        with span(name, attributes=attributes):
            return await func(*args, **kwargs)

    return traced
