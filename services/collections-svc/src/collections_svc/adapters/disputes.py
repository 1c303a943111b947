"""Disputes as stored."""

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.dunning_tables import disputes
from collections_svc.domain.dispute import Dispute, DisputeStatus, InvoiceAlreadyDisputed


def _dispute(row: Any) -> Dispute:
    return Dispute(
        id=row.id,
        customer_id=row.customer_id,
        invoice_id=row.invoice_id,
        currency=row.currency,
        amount=row.amount,
        reason=row.reason,
        status=DisputeStatus(row.status),
        opened_on=row.opened_on,
        resolved_on=row.resolved_on,
        note=row.note,
    )


class Disputes:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, dispute: Dispute) -> None:
        try:
            async with self._session.begin_nested():
                await self._session.execute(
                    insert(disputes).values(
                        id=dispute.id,
                        customer_id=dispute.customer_id,
                        invoice_id=dispute.invoice_id,
                        currency=dispute.currency,
                        amount=dispute.amount,
                        reason=dispute.reason,
                        status=dispute.status.value,
                        opened_on=dispute.opened_on,
                    )
                )
        except IntegrityError as exc:
            raise InvoiceAlreadyDisputed(dispute.invoice_id) from exc

    async def get(self, dispute_id: str, *, for_update: bool = False) -> Dispute | None:
        query = select(disputes).where(disputes.c.id == dispute_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).first()
        return _dispute(row) if row else None

    async def resolve(self, dispute: Dispute) -> None:
        await self._session.execute(
            update(disputes)
            .where(disputes.c.id == dispute.id)
            .values(status=dispute.status.value, resolved_on=dispute.resolved_on, note=dispute.note)
        )

    async def disputed_invoices(self, customer_id: str | None = None) -> frozenset[str]:
        query = select(disputes.c.invoice_id).where(disputes.c.status == DisputeStatus.OPEN.value)
        if customer_id is not None:
            query = query.where(disputes.c.customer_id == customer_id)
        return frozenset(await self._session.scalars(query))
