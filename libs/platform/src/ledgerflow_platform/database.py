"""Engine and session factory, built at start-up from settings (never at import).

A pooled connection can be dead on checkout if the database restarted while it sat in the
pool. SQLAlchemy's pre-ping tests every checkout with three round trips (BEGIN, a query,
ROLLBACK), which under load is a fifth of a short transaction's round trips. Here only a
connection that sat idle for a while is tested: one in steady use has just proved itself,
and if the database dies under load, the first failure invalidates the whole pool anyway.
"""

import time
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from ledgerflow_events.driver import driver_connection
from ledgerflow_platform.settings import ServiceSettings

__all__ = ["create_engine", "driver_connection", "session_factory"]

_IDLE_SINCE = "ledgerflow_idle_since"


def create_engine(settings: ServiceSettings, *, pool_size: int | None = None) -> AsyncEngine:
    engine = create_async_engine(
        settings.database_url,
        pool_size=pool_size or settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )
    if settings.db_pool_pre_ping:
        _ping_after_idle(engine, settings.db_ping_after_idle_s)
    return engine


def _ping_after_idle(engine: AsyncEngine, idle_seconds: float) -> None:
    @event.listens_for(engine.sync_engine, "checkin")
    def _checked_in(_: Any, record: ConnectionPoolEntry) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _checked_out(
        dbapi_connection: Any, record: ConnectionPoolEntry, _: PoolProxiedConnection
    ) -> None:
        idle_since = record.info.get(_IDLE_SINCE)
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return
        try:
            dbapi_connection.ping()
        except Exception as dead:
            # The pool drops this connection and checks out another (a fresh one if need be).
            raise exc.DisconnectionError from dead


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
