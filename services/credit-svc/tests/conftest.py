from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import Exposure
from credit_svc.service import SPEC
from credit_svc.settings import Settings
from credit_svc.use_cases.assess_exposure import assess_exposure
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.testing import EventDelivery, KeyPair, app_client, event_delivery, migrate

ReadExposure = Callable[[str], Awaitable[Exposure]]


@pytest.fixture(scope="module")
async def database_url(pg_server) -> str:  # type: ignore[no-untyped-def]
    url = pg_server.create_database("credit")
    await migrate(SPEC, url)
    return url


@pytest.fixture(scope="module")
def settings(database_url: str, auth_keys: KeyPair) -> Settings:
    return Settings(database_url=database_url, auth_public_key=auth_keys.public_pem)


@pytest.fixture
async def delivery(settings: Settings) -> AsyncIterator[EventDelivery]:
    async with event_delivery(SPEC, settings) as d:
        yield d


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


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(SPEC, settings) as c:
        yield c
