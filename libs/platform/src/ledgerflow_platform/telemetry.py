"""OpenTelemetry for a service process: spans exported by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT
is set, nothing recorded otherwise (the traceparent still travels: ledgerflow_events.tracing)."""

from pydantic_settings import BaseSettings, SettingsConfigDict


class TelemetrySettings(BaseSettings):
    """OpenTelemetry's own environment variables (the exporter reads the rest of them)."""

    model_config = SettingsConfigDict(extra="ignore")

    otel_exporter_otlp_endpoint: str | None = None
    otel_service_name: str | None = None


def configure_tracing(service: str, settings: TelemetrySettings) -> bool:
    """Install the SDK with an OTLP exporter if an endpoint is configured; True if it did."""
    if not settings.otel_exporter_otlp_endpoint:
        return False
    # Imported only when tracing is on: the SDK, the exporter and protobuf cost every process
    # half a second of start-up, which a process that records no spans should not pay.
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    name = settings.otel_service_name or f"{service}-svc"
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: name}))
    # The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and its headers, timeouts) itself.
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    return True
