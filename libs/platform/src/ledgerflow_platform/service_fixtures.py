"""The fixtures every service's test suite starts from, made once for all of them.

In a service's tests/conftest.py:
    database_url, settings, client, delivery = service_fixtures(SPEC, Settings)
"""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec
from ledgerflow_platform.testing import EventDelivery, KeyPair, app_client, event_delivery, migrate


def service_fixtures(
    spec: ServiceSpec, settings_type: type[ServiceSettings], **overrides: Any
) -> tuple[Any, Any, Any, Any]:
    """A migrated database per test module, its settings, an app client and event delivery."""

    @pytest.fixture(scope="module", name="database_url")
    async def database_url(pg_server: Any) -> str:
        url: str = pg_server.create_database(spec.name)
        await migrate(spec, url)
        return url

    @pytest.fixture(scope="module", name="settings")
    def settings(database_url: str, auth_keys: KeyPair) -> ServiceSettings:
        return settings_type(
            database_url=database_url, auth_public_key=auth_keys.public_pem, **overrides
        )

    @pytest.fixture(name="client")
    async def client(settings: ServiceSettings) -> AsyncIterator[httpx.AsyncClient]:
        async with app_client(spec, settings) as c:
            yield c

    @pytest.fixture(name="delivery")
    async def delivery(settings: ServiceSettings) -> AsyncIterator[EventDelivery]:
        async with event_delivery(spec, settings) as d:
            yield d

    return database_url, settings, client, delivery
