"""Cases escalated to legal by a dunning level with `escalation: legal`."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.statement_tables import legal_escalations


class LegalEscalations:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, case_id: str, customer_id: str, level: int, on: date) -> None:
        """The first escalation stands; a later legal level changes nothing."""
        await self._session.execute(
            insert(legal_escalations)
            .values(case_id=case_id, customer_id=customer_id, level=level, escalated_on=on)
            .on_conflict_do_nothing(index_elements=[legal_escalations.c.case_id])
        )

    async def escalated_on(self, case_id: str) -> date | None:
        query = select(legal_escalations.c.escalated_on).where(
            legal_escalations.c.case_id == case_id
        )
        found: date | None = (await self._session.execute(query)).scalar_one_or_none()
        return found

    async def in_legal(self, case_ids: set[str]) -> set[str]:
        if not case_ids:
            return set()
        query = select(legal_escalations.c.case_id).where(legal_escalations.c.case_id.in_(case_ids))
        return set((await self._session.execute(query)).scalars())
