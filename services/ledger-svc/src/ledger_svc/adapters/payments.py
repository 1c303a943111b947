"""Payments and the allocation rows that apply them to invoices."""

from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables import PaymentAllocationRow, PaymentRow
from ledger_svc.domain.allocation import Allocation
from ledger_svc.domain.payment import Payment


class PaymentRepository:
    """Where payments and their allocations are kept."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, payment: Payment) -> None:
        await self._session.execute(
            insert(PaymentRow).values(
                id=payment.id,
                customer_id=payment.customer_id,
                currency=payment.currency,
                amount=payment.amount,
                received_on=payment.received_on,
                reference=payment.reference,
                unapplied_amount=payment.unapplied_amount,
                recorded_at=datetime.now(UTC),
            )
        )
        if payment.allocations:
            await self._session.execute(
                insert(PaymentAllocationRow),
                [
                    {
                        "payment_id": payment.id,
                        "invoice_id": a.invoice_id,
                        "position": position,
                        "amount": a.amount,
                        "open_amount_after": a.open_amount_after,
                    }
                    for position, a in enumerate(payment.allocations)
                ],
            )

    async def get(self, payment_id: str) -> Payment | None:
        row = await self._session.get(PaymentRow, payment_id)
        if row is None:
            return None
        allocations = (
            await self._session.execute(
                select(PaymentAllocationRow)
                .where(col(PaymentAllocationRow.payment_id) == payment_id)
                .order_by(col(PaymentAllocationRow.position))
            )
        ).scalars()
        return Payment(
            id=row.id,
            customer_id=row.customer_id,
            currency=row.currency,
            amount=row.amount,
            received_on=row.received_on,
            reference=row.reference,
            allocations=tuple(
                Allocation(a.invoice_id, a.amount, a.open_amount_after) for a in allocations
            ),
            unapplied_amount=row.unapplied_amount,
        )
