from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.case import CollectionCase
from collections_svc.service import SPEC
from collections_svc.settings import Settings
from collections_svc.use_cases.look_up_cases import page_of_cases
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.service_fixtures import service_fixtures

database_url, settings, client, delivery = service_fixtures(SPEC, Settings)

CasesOf = Callable[[str], Awaitable[list[CollectionCase]]]


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
