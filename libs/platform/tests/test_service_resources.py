"""A service's long-lived objects are built once per process from its settings, handed to its
routes and background tasks typed, and closed when the process stops."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import pytest
from fastapi import APIRouter, Depends
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import create_async_engine

from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_platform.idempotency import define_idempotency_table
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec, Sessions
from ledgerflow_platform.testing import KeyPair, app_client
from ledgerflow_platform.web.resources import resources_of
from ledgerflow_platform.worker import run_worker

metadata = MetaData()
messaging = define_messaging_tables(metadata)


class ProbeSettings(ServiceSettings):
    greeting: str = "hello"


@dataclass
class ProbeResources:
    greeting: str
    log: list[str] = field(default_factory=list)


BUILT: list[ProbeResources] = []
SAID = asyncio.Event()


@asynccontextmanager
async def probe_resources(
    settings: ProbeSettings, sessions: Sessions
) -> AsyncIterator[ProbeResources]:
    resources = ProbeResources(settings.greeting)
    BUILT.append(resources)
    resources.log.append("opened")
    try:
        yield resources
    finally:
        resources.log.append("closed")


Resources = Annotated[ProbeResources, Depends(resources_of(ProbeResources))]
router = APIRouter()


@router.get("/greeting")
async def greeting(resources: Resources) -> dict[str, str]:
    return {"greeting": resources.greeting}


async def say_hello(resources: ProbeResources) -> None:
    resources.log.append(f"background said {resources.greeting}")
    SAID.set()
    # A background task runs for the worker's whole life.
    await asyncio.Event().wait()


SPEC = ServiceSpec(
    name="probe",
    title="probe",
    description="A service with resources of its own.",
    version="0",
    messaging=messaging,
    idempotency_keys=define_idempotency_table(metadata),
    migrations_dir=Path("."),
    routers=[router],
    errors={},
    resources=probe_resources,
    background=[say_hello],
)


@pytest.fixture
async def settings(pg_server, auth_keys: KeyPair) -> ProbeSettings:  # type: ignore[no-untyped-def]
    url = pg_server.create_database("probe")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    await engine.dispose()
    return ProbeSettings(
        database_url=url, port=0, auth_public_key=auth_keys.public_pem, greeting="你好"
    )


async def test_routes_get_the_resources_built_once_from_the_settings(
    settings: ProbeSettings,
) -> None:
    BUILT.clear()
    async with app_client(SPEC, settings) as client:
        answers = [(await client.get("/greeting")).json() for _ in range(3)]
        assert [r.log for r in BUILT] == [["opened"]]
    assert answers == [{"greeting": "你好"}] * 3
    assert [r.log for r in BUILT] == [["opened", "closed"]]


async def test_the_worker_runs_background_tasks_with_its_own_resources(
    settings: ProbeSettings,
) -> None:
    BUILT.clear()
    SAID.clear()
    worker = asyncio.create_task(run_worker(SPEC, settings))
    await asyncio.wait_for(SAID.wait(), timeout=30)
    worker.cancel()
    with pytest.raises(asyncio.CancelledError):
        await worker
    assert [r.log for r in BUILT] == [["opened", "background said 你好", "closed"]]
