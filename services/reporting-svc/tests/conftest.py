from collections.abc import AsyncIterator

import httpx
import pytest

from ledgerflow_platform.testing import EventDelivery, KeyPair, app_client, event_delivery, migrate
from reporting_svc.service import SPEC
from reporting_svc.settings import Settings


@pytest.fixture(scope="module")
async def database_url(pg_server) -> str:  # type: ignore[no-untyped-def]
    url = pg_server.create_database("reporting")
    await migrate(SPEC, url)
    return url


@pytest.fixture(scope="module")
def settings(database_url: str, auth_keys: KeyPair) -> Settings:
    return Settings(database_url=database_url, auth_public_key=auth_keys.public_pem)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(SPEC, settings) as c:
        yield c


@pytest.fixture
async def delivery(settings: Settings) -> AsyncIterator[EventDelivery]:
    async with event_delivery(SPEC, settings) as d:
        yield d
