"""Dunning pauses, append-only."""

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.dunning_tables import dunning_pauses
from collections_svc.domain.pause import DunningPause


def _pause(row: Any) -> DunningPause:
    return DunningPause(row.id, row.customer_id, row.starts_on, row.until, row.reason, row.ended_on)


class DunningPauses:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, pause: DunningPause) -> None:
        await self._session.execute(
            insert(dunning_pauses).values(
                id=pause.id,
                customer_id=pause.customer_id,
                starts_on=pause.starts_on,
                until=pause.until,
                reason=pause.reason,
                ended_on=pause.ended_on,
            )
        )

    async def get(self, pause_id: str, customer_id: str) -> DunningPause | None:
        row = (
            await self._session.execute(
                select(dunning_pauses)
                .where(dunning_pauses.c.id == pause_id, dunning_pauses.c.customer_id == customer_id)
                .with_for_update()
            )
        ).first()
        return _pause(row) if row else None

    async def end(self, pause: DunningPause) -> None:
        await self._session.execute(
            update(dunning_pauses)
            .where(dunning_pauses.c.id == pause.id)
            .values(ended_on=pause.ended_on)
        )

    async def of(self, customer_id: str | None = None) -> list[DunningPause]:
        query = select(dunning_pauses).order_by(dunning_pauses.c.id)
        if customer_id is not None:
            query = query.where(dunning_pauses.c.customer_id == customer_id)
        return [_pause(row) for row in await self._session.execute(query)]
