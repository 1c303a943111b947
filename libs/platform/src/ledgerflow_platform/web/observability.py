"""HTTP RED metrics, the request's span and trace context, correlation ids and one access-log
line per request, as one pure ASGI middleware."""

import logging
import time
import uuid
from typing import Any

from opentelemetry import trace
from opentelemetry.trace import SpanKind
from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ledgerflow_events import context, tracing

HTTP_REQUESTS = Counter(
    "ledgerflow_http_requests_total", "HTTP requests", ["service", "method", "route", "status"]
)
HTTP_DURATION = Histogram(
    "ledgerflow_http_request_duration_seconds",
    "HTTP request duration",
    ["service", "method", "route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
CORRELATION_HEADER = b"x-correlation-id"
# Where the authentication dependency leaves who called (web/auth.py), for the access log.
ACCESS = "ledgerflow.access"
access_log = logging.getLogger("ledgerflow.access")


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service
        # Routes are few: look each series up once, not on every request.
        self._known: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def _series(self, method: str, path: str, status: int) -> tuple[Any, Any]:
        key = (method, path, status)
        series = self._known.get(key)
        if series is None:
            series = (
                HTTP_REQUESTS.labels(self.service, method, path, str(status)),
                HTTP_DURATION.labels(self.service, method, path),
            )
            self._known[key] = series
        return series

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        correlation = headers.get(CORRELATION_HEADER, b"").decode() or str(uuid.uuid4())
        method = scope["method"]
        with tracing.span(
            f"{method} {scope['path']}",
            kind=SpanKind.SERVER,
            parent=headers.get(b"traceparent", b"").decode() or None,
        ) as traceparent:
            tokens = (
                context.correlation_id.set(correlation),
                # A request that brings no trace starts one: its events carry it onwards.
                context.traceparent.set(traceparent or tracing.new_traceparent()),
            )
            status = 500
            started = time.perf_counter()
            access: dict[str, str] = {}
            scope[ACCESS] = access

            async def send_with_correlation(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                    message.setdefault("headers", [])
                    message["headers"] = [
                        *message["headers"],
                        (CORRELATION_HEADER, correlation.encode()),
                    ]
                await send(message)

            try:
                await self.app(scope, receive, send_with_correlation)
            finally:
                elapsed = time.perf_counter() - started
                route = getattr(scope.get("route"), "path", "unmatched")
                count, duration = self._series(method, route, status)
                count.inc()
                duration.observe(elapsed)
                self._finish_span(method, route, status)
                access_log.info(
                    "%s %s %s",
                    method,
                    route,
                    status,
                    extra={
                        "method": method,
                        "route": route,
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 3),
                        "subject": access.get("subject"),
                    },
                )
                context.correlation_id.reset(tokens[0])
                context.traceparent.reset(tokens[1])

    @staticmethod
    def _finish_span(method: str, route: str, status: int) -> None:
        current = trace.get_current_span()
        if current.is_recording():
            current.update_name(f"{method} {route}")
            current.set_attribute("http.request.method", method)
            current.set_attribute("http.route", route)
            current.set_attribute("http.response.status_code", status)
