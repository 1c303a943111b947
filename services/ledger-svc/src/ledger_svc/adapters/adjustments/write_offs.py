"""Write-off requests and their decisions."""

from datetime import UTC, datetime

from sqlalchemy import Select, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.adjustments import WriteOffRow
from ledger_svc.domain.adjustments.write_off import WriteOff, WriteOffStatus


class WriteOffRepository:
    """Where write-offs wait for a second person and record what they decided."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, write_off: WriteOff) -> None:
        await self._session.execute(
            insert(WriteOffRow).values(
                id=write_off.id,
                invoice_id=write_off.invoice_id,
                customer_id=write_off.customer_id,
                currency=write_off.currency,
                amount=write_off.amount,
                reason=write_off.reason,
                status=write_off.status.value,
                requested_on=write_off.requested_on,
                requested_by=write_off.requested_by,
                requested_at=datetime.now(UTC),
            )
        )

    async def record_decision(self, write_off: WriteOff) -> None:
        await self._session.execute(
            update(WriteOffRow)
            .where(col(WriteOffRow.id) == write_off.id)
            .values(
                status=write_off.status.value,
                decided_by=write_off.decided_by,
                decided_on=write_off.decided_on,
                rejection_reason=write_off.rejection_reason,
            )
        )

    async def pending_for(self, invoice_id: str) -> bool:
        """Whether a write-off of the invoice is already waiting for approval."""
        query = select(col(WriteOffRow.id)).where(
            col(WriteOffRow.invoice_id) == invoice_id,
            col(WriteOffRow.status) == WriteOffStatus.REQUESTED.value,
        )
        return (await self._session.execute(query)).first() is not None

    async def get(self, write_off_id: str) -> WriteOff | None:
        found = await self._load(select(WriteOffRow).where(col(WriteOffRow.id) == write_off_id))
        return found[0] if found else None

    async def page(
        self,
        *,
        status: WriteOffStatus | None,
        customer_id: str | None,
        after: str | None,
        limit: int,
    ) -> list[WriteOff]:
        query = select(WriteOffRow).order_by(col(WriteOffRow.id)).limit(limit)
        if status is not None:
            query = query.where(col(WriteOffRow.status) == status.value)
        if customer_id is not None:
            query = query.where(col(WriteOffRow.customer_id) == customer_id)
        if after is not None:
            query = query.where(col(WriteOffRow.id) > after)
        return await self._load(query)

    async def _load(self, query: Select[WriteOffRow]) -> list[WriteOff]:
        return [
            WriteOff(
                id=r.id,
                invoice_id=r.invoice_id,
                customer_id=r.customer_id,
                currency=r.currency,
                amount=r.amount,
                reason=r.reason,
                requested_on=r.requested_on,
                requested_by=r.requested_by,
                status=WriteOffStatus(r.status),
                decided_by=r.decided_by,
                decided_on=r.decided_on,
                rejection_reason=r.rejection_reason,
            )
            for r in (await self._session.execute(query)).scalars()
        ]
