"""COPY into the ledger's tables inside the session's own transaction: the bulk twin of the
ORM inserts, for imports too large to insert row by row."""

from collections.abc import Sequence
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession


async def copy_connection(session: AsyncSession) -> "asyncpg.Connection[Any]":
    """The asyncpg connection under the session, once the session's transaction has begun."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection[Any] = raw.driver_connection  # type: ignore[assignment]
    # A COPY outside the transaction would commit on its own: all or nothing would be lost.
    assert driver.is_in_transaction(), "begin the transaction (execute something) before COPY"
    return driver


async def copy_rows(
    driver: "asyncpg.Connection[Any]",
    table: str,
    columns: Sequence[str],
    records: Sequence[tuple[Any, ...]],
) -> None:
    if records:
        await driver.copy_records_to_table(table, records=records, columns=list(columns))
