"""Spans leave a service only where an OTLP endpoint is configured."""

import subprocess
import sys

from ledgerflow_platform.telemetry import TelemetrySettings, configure_tracing

PROBE = """
import sys
from opentelemetry import trace
from ledgerflow_platform.telemetry import TelemetrySettings, configure_tracing
on = configure_tracing("ledger", TelemetrySettings())
provider = type(trace.get_tracer_provider()).__name__
print(on, provider, "opentelemetry.sdk.trace" in sys.modules)
"""


def probe(env: dict[str, str]) -> str:
    done = subprocess.run(  # noqa: S603 - this interpreter, our own probe
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_without_an_endpoint_nothing_is_installed_or_even_imported() -> None:
    assert configure_tracing("ledger", TelemetrySettings(otel_exporter_otlp_endpoint=None)) is False
    assert probe({"PATH": "/usr/bin:/bin"}) == "False ProxyTracerProvider False"


def test_with_an_endpoint_spans_are_exported_by_otlp() -> None:
    env = {"PATH": "/usr/bin:/bin", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}
    assert probe(env) == "True TracerProvider True"
