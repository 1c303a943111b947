"""The asyncpg connection under a SQLAlchemy session, for what SQLAlchemy cannot do well
(COPY, one statement of arrays, LISTEN), always inside the caller's transaction."""

from typing import Any

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

Executor = AsyncSession | AsyncConnection


async def driver_connection(db: Executor) -> "asyncpg.Connection[Any]":
    """The asyncpg connection under `db`, its transaction begun: a statement sent round
    SQLAlchemy before its transaction begins would commit on its own, and all or nothing
    would be lost."""
    connection = await db.connection() if isinstance(db, AsyncSession) else db
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection[Any] = raw.driver_connection  # type: ignore[assignment]
    if not driver.is_in_transaction():
        # SQLAlchemy opens its transaction on its first statement.
        await db.execute(select(1))
    assert driver.is_in_transaction(), "statements go in the caller's transaction"
    return driver
