"""Structured JSON logs: RFC 3339 UTC timestamps, and the correlation, trace and span ids of
the work in hand (a request, or a consumed event), so one flow can be followed across
services."""

import logging
import sys
from datetime import UTC, datetime

from pythonjsonlogger.json import JsonFormatter

from ledgerflow_events import context, tracing


class _ContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        record.correlation_id = context.correlation_id.get()
        record.trace_id, record.span_id = tracing.ids_of(
            tracing.current_traceparent() or context.traceparent.get()
        )
        return True


class _Rfc3339Formatter(JsonFormatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created, UTC)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def configure_logging(service: str, *, json_lines: bool, level: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_ContextFilter(service))
    if json_lines:
        handler.setFormatter(
            _Rfc3339Formatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(service)s "
                "%(correlation_id)s %(trace_id)s %(span_id)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            )
        )
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(service)s] %(name)s: %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("aiokafka", "alembic.runtime.migration"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
