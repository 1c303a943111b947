"""The credit held for customers across its sources: payment surpluses and on-account credit
notes (see domain/adjustments/customer_credit.py)."""

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.adjustments import CreditNoteRow
from ledger_svc.adapters.tables.payments import PaymentRow
from ledger_svc.domain.adjustments.customer_credit import CreditDraw, CreditSource, CreditSourceKind


class CustomerCreditRepository:
    """Where a customer's credit is found, set aside for refunds and given back."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def sources(self, customer_id: str) -> list[CreditSource]:
        """Every payment and credit note still holding credit, locked until commit."""
        payments = (
            select(
                col(PaymentRow.id), col(PaymentRow.received_on), col(PaymentRow.unapplied_amount)
            )
            .where(col(PaymentRow.customer_id) == customer_id, col(PaymentRow.unapplied_amount) > 0)
            .with_for_update()
        )
        notes = (
            select(
                col(CreditNoteRow.id),
                col(CreditNoteRow.issue_date),
                col(CreditNoteRow.unapplied_amount),
            )
            .where(
                col(CreditNoteRow.customer_id) == customer_id,
                col(CreditNoteRow.unapplied_amount) > 0,
            )
            .with_for_update()
        )
        found = [
            CreditSource(CreditSourceKind.PAYMENT, i, dated, held)
            for i, dated, held in (await self._session.execute(payments)).all()
        ]
        found += [
            CreditSource(CreditSourceKind.CREDIT_NOTE, i, dated, held)
            for i, dated, held in (await self._session.execute(notes)).all()
        ]
        return found

    async def held(self, customer_id: str) -> int:
        """All the credit the customer's sources hold right now."""
        total = 0
        for table in (PaymentRow, CreditNoteRow):
            query = select(func.coalesce(func.sum(col(table.unapplied_amount)), 0)).where(
                col(table.customer_id) == customer_id
            )
            total += int((await self._session.execute(query)).scalar_one())
        return total

    async def take(self, draws: Sequence[CreditDraw]) -> None:
        """Set the drawn amounts aside: each source holds that much less."""
        await self._move(draws, sign=-1)

    async def give_back(self, draws: Sequence[CreditDraw]) -> None:
        await self._move(draws, sign=1)

    async def _move(self, draws: Sequence[CreditDraw], *, sign: int) -> None:
        for draw in draws:
            delta = sign * draw.amount
            if draw.kind is CreditSourceKind.PAYMENT:
                stmt = (
                    update(PaymentRow)
                    .where(col(PaymentRow.id) == draw.source_id)
                    .values(unapplied_amount=col(PaymentRow.unapplied_amount) + delta)
                )
            else:
                stmt = (
                    update(CreditNoteRow)
                    .where(col(CreditNoteRow.id) == draw.source_id)
                    .values(unapplied_amount=col(CreditNoteRow.unapplied_amount) + delta)
                )
            await self._session.execute(stmt)
