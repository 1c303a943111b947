from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import Exposure
from credit_svc.service import SPEC
from credit_svc.settings import Settings
from credit_svc.use_cases.assess_exposure import assess_exposure
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.service_fixtures import service_fixtures

database_url, settings, client, delivery = service_fixtures(SPEC, Settings)

ReadExposure = Callable[[str], Awaitable[Exposure]]


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
