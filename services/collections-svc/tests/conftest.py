from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.case import CollectionCase
from collections_svc.service import SPEC
from collections_svc.settings import Settings
from collections_svc.use_cases.look_up_cases import page_of_cases
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.testing import EventDelivery, KeyPair, app_client, event_delivery, migrate

CasesOf = Callable[[str], Awaitable[list[CollectionCase]]]


@pytest.fixture(scope="module")
async def database_url(pg_server) -> str:  # type: ignore[no-untyped-def]
    url = pg_server.create_database("collections")
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
async def cases_of(settings: Settings) -> AsyncIterator[CasesOf]:
    """Reads a customer's cases, oldest first, in a fresh transaction each time."""
    engine = create_engine(settings, pool_size=1)
    sessions = session_factory(engine)

    async def read(customer_id: str) -> list[CollectionCase]:
        async with sessions() as session:
            uow = CollectionsUnitOfWork(session)
            return await page_of_cases(
                uow, customer_id=customer_id, status=None, after=None, limit=100
            )

    yield read
    await engine.dispose()


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(SPEC, settings) as c:
        yield c
