"""Emptying the projections for a rebuild while the consumer is applying an event: the
rebuild waits for the event's transaction and then empties everything, instead of one of the
two being killed as a deadlock (the consumer claims the inbox first, then writes projections;
a rebuild that locked projections first and the inbox last met it the other way round)."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from ledgerflow_events.testing import eventually
from reporting_svc.projections.rebuild.records import empty_projections

WITHIN_S = 20.0


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url, pool_size=2)
    yield engine
    await engine.dispose()


async def _waiting_on_a_lock(engine: AsyncEngine) -> bool:
    async with engine.connect() as probe:
        found = await probe.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND query LIKE 'TRUNCATE%'"
            )
        )
        return bool(found.scalar_one())


async def test_a_rebuild_waits_for_the_event_being_applied(engine: AsyncEngine) -> None:
    async with engine.connect() as consumer:
        transaction = await consumer.begin()
        await consumer.execute(
            text("INSERT INTO inbox (event_id, event_type) VALUES ('e-1', 'ledger.invoice_issued')")
        )

        async def rebuild() -> None:
            async with AsyncSession(engine) as session, session.begin():
                await empty_projections(session)

        rebuilding = asyncio.create_task(rebuild())
        await eventually(lambda: _waiting_on_a_lock(engine), within=WITHIN_S)
        # The event's handler now writes a projection, as every handler does after its claim.
        await consumer.execute(text("LOCK TABLE invoices IN ROW EXCLUSIVE MODE"))
        await consumer.execute(text("LOCK TABLE customers IN ROW EXCLUSIVE MODE"))
        await transaction.commit()
    async with asyncio.timeout(WITHIN_S):
        await rebuilding
    async with engine.connect() as connection:
        left = await connection.execute(text("SELECT count(*) FROM inbox"))
        assert left.scalar_one() == 0
