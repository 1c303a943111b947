"""The asyncpg connection under a SQLAlchemy session, for what SQLAlchemy cannot do well
(COPY, one statement of arrays, LISTEN), always inside the caller's transaction."""

from typing import Any

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

Executor = AsyncSession | AsyncConnection
# Where a session keeps its transaction's driver connection: (the transaction, the connection).
_DRIVER = "ledgerflow_driver_connection"


async def driver_connection(db: Executor) -> "asyncpg.Connection[Any]":
    """The asyncpg connection under `db`, its transaction begun: a statement sent round
    SQLAlchemy before its transaction begins would commit on its own, and all or nothing
    would be lost."""
    if isinstance(db, AsyncSession):
        # Asked several times in one transaction (a payment writes five statements this way):
        # the connection is the transaction's until it ends, so it is looked up once per
        # transaction, each asking SQLAlchemy twice otherwise.
        transaction = db.sync_session.get_transaction()
        known = db.info.get(_DRIVER)
        if transaction is not None and known is not None and known[0] is transaction:
            cached: asyncpg.Connection[Any] = known[1]
            if cached.is_in_transaction():
                return cached
    connection = await db.connection() if isinstance(db, AsyncSession) else db
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection[Any] = raw.driver_connection  # type: ignore[assignment]
    if not driver.is_in_transaction():
        # SQLAlchemy opens its transaction on its first statement.
        await db.execute(select(1))
    assert driver.is_in_transaction(), "statements go in the caller's transaction"
    if isinstance(db, AsyncSession):
        db.info[_DRIVER] = (db.sync_session.get_transaction(), driver)
    return driver
