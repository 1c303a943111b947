"""Liveness and readiness probes."""

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from aiokafka.errors import KafkaError
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from prometheus_client import Gauge
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError

from ledgerflow_events.kafka import KafkaConfig, ensure_topics
from ledgerflow_platform.migrations import migrations_current

router = APIRouter(tags=["health"])
BROKER_CHECK_TTL_S = 5.0
# A database that does not answer must make the probe fail, not hang it (or a scrape) for
# the driver's own connect timeout.
DATABASE_CHECK_TIMEOUT_S = 3.0
READY = Gauge(
    "ledgerflow_ready",
    "1 while the dependency (database, migrations, broker) checks out, as last checked",
    ["service", "dependency"],
    multiprocess_mode="livemin",
)


@dataclass
class BrokerProbe:
    """Caches the broker check so a busy probe does not hammer the broker."""

    kafka: KafkaConfig
    checked_at: float = 0.0
    reachable: bool = False
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def check(self) -> bool:
        async with self._lock:
            if time.monotonic() - self.checked_at > BROKER_CHECK_TTL_S:
                try:
                    await asyncio.wait_for(ensure_topics(self.kafka, []), timeout=3.0)
                    self.reachable = True
                except (KafkaError, OSError, TimeoutError):
                    self.reachable = False
                self.checked_at = time.monotonic()
            return self.reachable


class Liveness(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})
    status: str


class Readiness(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ready",
                    "checks": {"database": True, "migrations": True, "broker": True},
                }
            ]
        }
    )
    status: str = Field(description="ready, or not_ready (with 503)")
    checks: dict[str, bool]


# Open on purpose: orchestrators probe without a token, and the answers say nothing private.
@router.get("/health/live", summary="The process is up", response_model=Liveness)
async def live() -> dict[str, str]:
    return {"status": "ok"}


async def check_readiness(state: Any) -> dict[str, bool]:
    """Each dependency's check, also reported as `ledgerflow_ready` so "not ready" can alert
    whoever asks: a probe, or Prometheus scraping /metrics."""
    checks = {"database": False, "migrations": False, "broker": False}
    try:
        async with asyncio.timeout(DATABASE_CHECK_TIMEOUT_S):
            async with state.engine.connect() as conn:
                checks["database"] = True
                checks["migrations"] = await migrations_current(conn, state.spec.migrations_dir)
    except (DBAPIError, OSError, TimeoutError):
        pass
    checks["broker"] = await state.broker_probe.check()
    for dependency, ok in checks.items():
        READY.labels(state.spec.name, dependency).set(1 if ok else 0)
    return checks


@router.get(
    "/health/ready",
    summary="Database and broker reachable, migrations applied",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "A dependency is not ready"}},
)
async def ready(request: Request) -> JSONResponse:
    checks = await check_readiness(request.app.state)
    ok = all(checks.values())
    return JSONResponse(
        {"status": "ready" if ok else "not_ready", "checks": checks}, status_code=200 if ok else 503
    )
