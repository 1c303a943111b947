"""HTTP RED metrics and correlation ids, as one pure ASGI middleware."""

import time
import uuid
from typing import Any

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ledgerflow_events import context

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
        tokens = (
            context.correlation_id.set(correlation),
            context.traceparent.set(headers.get(b"traceparent", b"").decode() or None),
        )
        status = 500
        started = time.perf_counter()

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
            route = scope.get("route")
            path = getattr(route, "path", "unmatched")
            count, duration = self._series(scope["method"], path, status)
            count.inc()
            duration.observe(time.perf_counter() - started)
            context.correlation_id.reset(tokens[0])
            context.traceparent.reset(tokens[1])
