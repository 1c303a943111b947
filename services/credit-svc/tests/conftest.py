from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest
from asgi_lifespan import LifespanManager

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import Exposure
from credit_svc.service import SPEC
from credit_svc.settings import Settings
from credit_svc.use_cases.assess_exposure import assess_exposure
from ledgerflow_platform.app import build_app
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.service_fixtures import service_fixtures
from ledgerflow_platform.testing import ServiceDb, service_db
from ledgerflow_platform.web.clock import request_time

# Yen limits are large numbers: their four-eyes threshold is configured, others use the default.
database_url, settings, platform_client, delivery = service_fixtures(
    SPEC, Settings, limit_approval_thresholds={"JPY": Decimal(15_000_000)}
)
# Replaced below by a client whose requests are handled at the test's clock.
del platform_client

ReadExposure = Callable[[str], Awaitable[Exposure]]


@dataclass
class Clock:
    """The time requests are handled at; tests move it, nothing reads the wall clock."""

    now: datetime


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 16, 9, 30, tzinfo=UTC))


@pytest.fixture
async def client(settings: Settings, clock: Clock) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(SPEC, settings)
    app.dependency_overrides[request_time] = lambda: clock.now
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            yield c


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[ServiceDb]:
    async with service_db(database_url) as found:
        yield found


@pytest.fixture
async def exposure(settings: Settings) -> AsyncIterator[ReadExposure]:
    """Reads a customer's exposure the way the API does, in a fresh transaction each time."""
    engine = create_engine(settings, pool_size=1)
    sessions = session_factory(engine)

    async def read(customer_id: str) -> Exposure:
        async with sessions() as session:
            return await assess_exposure(CreditUnitOfWork(session), customer_id)

    yield read
    await engine.dispose()
