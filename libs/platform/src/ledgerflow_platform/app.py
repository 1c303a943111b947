"""Builds a service's FastAPI app from its spec; resources are made in the lifespan only."""

import os
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    GCCollector,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
    multiprocess,
)

from ledgerflow_events.dead_letters import DeadLetterWriter
from ledgerflow_events.inbox import InboxProcessor, RetryPolicy
from ledgerflow_platform.auth.verifier import TokenVerifier
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.idempotency import IdempotencyStore
from ledgerflow_platform.service_client import UpstreamUnavailable
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec
from ledgerflow_platform.supervisor import METRICS_DIR
from ledgerflow_platform.web import admin, health
from ledgerflow_platform.web.gauges import refresh_scraped_gauges
from ledgerflow_platform.web.observability import ObservabilityMiddleware
from ledgerflow_platform.web.openapi import install_truthful_openapi
from ledgerflow_platform.web.problems import ProblemType, install_problem_handlers
from ledgerflow_platform.web.text_guard import TextGuardMiddleware
from ledgerflow_platform.web.uploads import publish_forms
from ledgerflow_platform.worker import build_resources

PLATFORM_ERRORS: dict[type[DomainError], ProblemType] = {
    UpstreamUnavailable: ProblemType(
        503, "upstream-unavailable", "Another service did not answer in time"
    ),
}


def metrics_registry() -> CollectorRegistry:
    """This process's metrics; under a supervisor, those of the API and the worker together."""
    if METRICS_DIR not in os.environ:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    # The shared files hold only the application's metrics: add this process's own (memory,
    # CPU, open files) and the Python runtime's, as a single process would report them.
    ProcessCollector(registry=registry)
    PlatformCollector(registry=registry)
    GCCollector(registry=registry)
    return registry


def build_app(spec: ServiceSpec, settings: ServiceSettings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings)
        sessions = session_factory(engine)
        kafka = settings.kafka()
        dead_letters = DeadLetterWriter(kafka, sessions, spec.messaging, service=spec.name)
        app.state.spec = spec
        app.state.settings = settings
        app.state.engine = engine
        app.state.sessions = sessions
        app.state.idempotency = IdempotencyStore(spec.idempotency_keys)
        app.state.broker_probe = health.BrokerProbe(kafka)
        app.state.processor = InboxProcessor(
            sessions,
            spec.messaging,
            spec.handlers,
            dead_letters,
            service=spec.name,
            retry=RetryPolicy(attempts=settings.consumer_retry_attempts),
        )
        try:
            async with AsyncExitStack() as stack:
                app.state.resources = await build_resources(spec, settings, sessions, stack)
                yield
        finally:
            await dead_letters.close()
            await engine.dispose()

    app = FastAPI(
        title=spec.title,
        description=spec.description,
        version=spec.version,
        lifespan=lifespan,
        # Metrics and correlation are the platform's own (web/observability.py); FastAPI's
        # OpenTelemetry bridge would only look up providers on every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.auth = TokenVerifier(
        settings.public_key_pem(),
        jwks_url=settings.auth_jwks_url,
        jwks_cache_s=settings.auth_jwks_cache_s,
        issuer=settings.auth_issuer,
        audience=settings.auth_audience,
    )
    install_problem_handlers(app, {**PLATFORM_ERRORS, **spec.errors})
    app.add_middleware(TextGuardMiddleware)
    app.add_middleware(ObservabilityMiddleware, service=spec.name)
    app.include_router(health.router)
    app.include_router(admin.router)
    for router in spec.routers:
        app.include_router(router)
    publish_forms(app, spec.upload_forms)
    install_truthful_openapi(app)

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        await refresh_scraped_gauges(request.app.state)
        return Response(generate_latest(metrics_registry()), media_type=CONTENT_TYPE_LATEST)

    return app
