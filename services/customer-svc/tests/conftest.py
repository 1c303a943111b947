from collections.abc import AsyncIterator

import httpx
import pytest

from customer_svc.service import SPEC
from customer_svc.settings import Settings
from ledgerflow_platform.testing import KeyPair, app_client, migrate


@pytest.fixture(scope="module")
async def database_url(pg_server) -> str:  # type: ignore[no-untyped-def]
    url = pg_server.create_database("customer")
    await migrate(SPEC, url)
    return url


@pytest.fixture
async def client(database_url: str, auth_keys: KeyPair) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(database_url=database_url, auth_public_key=auth_keys.public_pem)
    async with app_client(SPEC, settings) as c:
        yield c
