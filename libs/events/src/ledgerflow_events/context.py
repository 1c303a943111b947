"""Correlation and trace ids carried across REST calls, the outbox and consumed events."""

from contextvars import ContextVar

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
traceparent: ContextVar[str | None] = ContextVar("traceparent", default=None)
