"""A pooled connection whose server process died is found out before a request uses it."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.testing import KeyPair

BACKEND = text("SELECT pg_backend_pid()")


@pytest.fixture
def database_url(pg_server) -> str:  # type: ignore[no-untyped-def]
    return str(pg_server.create_database("pooling"))


def settings(database_url: str, keys: KeyPair, *, ping: bool) -> ServiceSettings:
    # Any idle time counts as long enough: the test need not wait for the clock.
    return ServiceSettings(
        database_url=database_url,
        port=0,
        auth_public_key=keys.public_pem,
        db_pool_size=1,
        db_max_overflow=0,
        db_pool_pre_ping=ping,
        db_ping_after_idle_s=0.0,
    )


async def pooled_backend_killed(engine: AsyncEngine, database_url: str) -> int:
    """Use the pool's one connection, then end its server process from outside."""
    sessions = session_factory(engine)
    async with sessions() as session:
        pid = int((await session.execute(BACKEND)).scalar_one())
    admin = create_async_engine(database_url)
    try:
        async with admin.connect() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        await admin.dispose()
    return pid


async def test_a_connection_idle_in_the_pool_is_tested_and_replaced_if_dead(
    database_url: str, auth_keys: KeyPair
) -> None:
    engine = create_engine(settings(database_url, auth_keys, ping=True))
    try:
        dead = await pooled_backend_killed(engine, database_url)

        async with session_factory(engine)() as session:
            alive = int((await session.execute(BACKEND)).scalar_one())

        assert alive != dead
    finally:
        await engine.dispose()


async def test_without_the_test_the_dead_connection_reaches_the_request(
    database_url: str, auth_keys: KeyPair
) -> None:
    engine = create_engine(settings(database_url, auth_keys, ping=False))
    try:
        await pooled_backend_killed(engine, database_url)

        with pytest.raises(DBAPIError):
            async with session_factory(engine)() as session:
                await session.execute(BACKEND)
    finally:
        await engine.dispose()
