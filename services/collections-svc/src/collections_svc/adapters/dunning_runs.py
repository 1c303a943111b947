"""Dated dunning runs, serialised by one advisory lock."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.dunning_tables import dunning_runs
from collections_svc.domain.dunning_run import DunningRun

# Any fixed number works; it only has to be the same for every run of this service.
RUN_LOCK = 1_100_111


class DunningRuns:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock(self) -> None:
        """Wait for any other run to commit: two runs never decide on the same invoices."""
        await self._session.execute(select(func.pg_advisory_xact_lock(RUN_LOCK)))

    async def latest(self) -> DunningRun | None:
        row = (
            await self._session.execute(
                select(dunning_runs).order_by(dunning_runs.c.as_of.desc()).limit(1)
            )
        ).first()
        return DunningRun(row.id, row.as_of, row.notices_created, row.created_at) if row else None

    async def add(self, run: DunningRun) -> None:
        await self._session.execute(
            insert(dunning_runs).values(
                id=run.id,
                as_of=run.as_of,
                notices_created=run.notices_created,
                created_at=run.created_at,
            )
        )

    async def dated(self, as_of: date) -> DunningRun | None:
        row = (
            await self._session.execute(select(dunning_runs).where(dunning_runs.c.as_of == as_of))
        ).first()
        return DunningRun(row.id, row.as_of, row.notices_created, row.created_at) if row else None

    async def as_of_of(self, run_id: str) -> date | None:
        query = select(dunning_runs.c.as_of).where(dunning_runs.c.id == run_id)
        found: date | None = (await self._session.execute(query)).scalar_one_or_none()
        return found
