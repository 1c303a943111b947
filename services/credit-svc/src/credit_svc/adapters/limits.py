"""Credit limit decisions, in force and in history."""

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from credit_svc.adapters.tables import CreditLimitRow
from credit_svc.domain.limits import CreditLimit, LimitStatus


class CreditLimits:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def in_force(self, customer_id: str) -> CreditLimit | None:
        row = (
            await self._session.execute(
                select(CreditLimitRow).where(
                    col(CreditLimitRow.customer_id) == customer_id,
                    col(CreditLimitRow.status) == LimitStatus.ACTIVE,
                )
            )
        ).scalar_one_or_none()
        return _limit(row) if row else None

    async def get(self, limit_id: str, *, for_update: bool = False) -> CreditLimit | None:
        statement = select(CreditLimitRow).where(col(CreditLimitRow.id) == limit_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _limit(row) if row else None

    async def history(self, customer_id: str) -> list[CreditLimit]:
        rows = await self._session.execute(
            select(CreditLimitRow)
            .where(col(CreditLimitRow.customer_id) == customer_id)
            .order_by(col(CreditLimitRow.requested_at), col(CreditLimitRow.id))
        )
        return [_limit(r) for r in rows.scalars().all()]

    async def bring_into_force(self, limit: CreditLimit) -> None:
        """Store the decision in force, superseding the one before it."""
        await self._session.execute(
            update(CreditLimitRow)
            .where(
                col(CreditLimitRow.customer_id) == limit.customer_id,
                col(CreditLimitRow.status) == LimitStatus.ACTIVE,
                col(CreditLimitRow.id) != limit.id,
            )
            .values(status=LimitStatus.SUPERSEDED)
        )
        await self.save(limit)

    async def save(self, limit: CreditLimit) -> None:
        await self._session.merge(
            CreditLimitRow(
                id=limit.id,
                customer_id=limit.customer_id,
                currency=limit.currency,
                amount=limit.amount,
                previous_amount=limit.previous_amount,
                reason=limit.reason,
                status=limit.status,
                requested_by=limit.requested_by,
                requested_at=limit.requested_at,
                approved_by=limit.approved_by,
                effective_at=limit.effective_at,
            )
        )
        await self._session.flush()


def _limit(row: CreditLimitRow) -> CreditLimit:
    return CreditLimit(
        id=row.id,
        customer_id=row.customer_id,
        currency=row.currency,
        amount=row.amount,
        previous_amount=row.previous_amount,
        reason=row.reason,
        status=LimitStatus(row.status),
        requested_by=row.requested_by,
        requested_at=row.requested_at,
        approved_by=row.approved_by,
        effective_at=row.effective_at,
    )
