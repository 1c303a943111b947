"""Refunds and the credit each one drew from."""

from datetime import UTC, datetime

from sqlalchemy import Select, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.adjustments import RefundDrawRow, RefundRow
from ledger_svc.domain.adjustments.customer_credit import CreditDraw, CreditSourceKind
from ledger_svc.domain.adjustments.refund import Refund, RefundMethod, RefundStatus


class RefundRepository:
    """Where refunds are requested, paid and cancelled."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, refund: Refund) -> None:
        await self._session.execute(
            insert(RefundRow).values(
                id=refund.id,
                customer_id=refund.customer_id,
                currency=refund.currency,
                amount=refund.amount,
                method=refund.method.value,
                reference=refund.reference,
                status=refund.status.value,
                requested_on=refund.requested_on,
                requested_by=refund.requested_by,
                requested_at=datetime.now(UTC),
            )
        )
        await self._session.execute(
            insert(RefundDrawRow),
            [
                {
                    "refund_id": refund.id,
                    "position": position,
                    "source_kind": draw.kind.value,
                    "source_id": draw.source_id,
                    "amount": draw.amount,
                }
                for position, draw in enumerate(refund.draws)
            ],
        )

    async def record_outcome(self, refund: Refund) -> None:
        """Store that the refund was paid or cancelled, and when."""
        await self._session.execute(
            update(RefundRow)
            .where(col(RefundRow.id) == refund.id)
            .values(
                status=refund.status.value,
                paid_on=refund.paid_on,
                cancelled_on=refund.cancelled_on,
                cancel_reason=refund.cancel_reason,
            )
        )

    async def get(self, refund_id: str, *, for_update: bool = False) -> Refund | None:
        query = select(RefundRow).where(col(RefundRow.id) == refund_id)
        found = await self._load(query.with_for_update() if for_update else query)
        return found[0] if found else None

    async def page(
        self,
        *,
        customer_id: str | None,
        status: RefundStatus | None,
        after: str | None,
        limit: int,
    ) -> list[Refund]:
        query = select(RefundRow).order_by(col(RefundRow.id)).limit(limit)
        if customer_id is not None:
            query = query.where(col(RefundRow.customer_id) == customer_id)
        if status is not None:
            query = query.where(col(RefundRow.status) == status.value)
        if after is not None:
            query = query.where(col(RefundRow.id) > after)
        return await self._load(query)

    async def _load(self, query: Select[RefundRow]) -> list[Refund]:
        rows = list((await self._session.execute(query)).scalars())
        if not rows:
            return []
        draws: dict[str, list[CreditDraw]] = {r.id: [] for r in rows}
        found = await self._session.execute(
            select(RefundDrawRow)
            .where(col(RefundDrawRow.refund_id).in_(list(draws)))
            .order_by(col(RefundDrawRow.refund_id), col(RefundDrawRow.position))
        )
        for d in found.scalars():
            draws[d.refund_id].append(
                CreditDraw(CreditSourceKind(d.source_kind), d.source_id, d.amount)
            )
        return [
            Refund(
                id=r.id,
                customer_id=r.customer_id,
                currency=r.currency,
                amount=r.amount,
                method=RefundMethod(r.method),
                reference=r.reference,
                requested_on=r.requested_on,
                requested_by=r.requested_by,
                draws=tuple(draws[r.id]),
                status=RefundStatus(r.status),
                paid_on=r.paid_on,
                cancelled_on=r.cancelled_on,
                cancel_reason=r.cancel_reason,
            )
            for r in rows
        ]
