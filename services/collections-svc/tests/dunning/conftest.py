"""Dunning runs are dated and move forward in time for the whole service, so every test here
starts from a fresh, migrated database of its own."""

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest

from collections_svc.service import SPEC
from collections_svc.settings import Settings
from ledgerflow_platform.testing import EventDelivery, KeyPair, app_client, event_delivery, migrate

from .mail_sink import mail_sink
from .sending import sender, wired_client

__all__ = ["mail_sink", "sender", "wired_client"]

BUSINESS_DATE = date(2026, 12, 31)


@pytest.fixture(name="database_url")
async def fresh_database_url(pg_server: Any) -> str:
    url: str = pg_server.create_database(SPEC.name)
    await migrate(SPEC, url)
    return url


@pytest.fixture(name="settings")
def pinned_settings(database_url: str, auth_keys: KeyPair) -> Settings:
    return Settings(
        database_url=database_url,
        auth_public_key=auth_keys.public_pem,
        business_date=BUSINESS_DATE,
    )


@pytest.fixture(name="client")
async def fresh_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(SPEC, settings) as c:
        yield c


@pytest.fixture(name="delivery")
async def fresh_delivery(settings: Settings) -> AsyncIterator[EventDelivery]:
    async with event_delivery(SPEC, settings) as d:
        yield d
