"""Applications of customer credit to invoices, with what each took from which source."""

from datetime import UTC, datetime

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.tables.payments import (
    CreditApplicationAllocationRow,
    CreditApplicationDrawRow,
    CreditApplicationRow,
)
from ledger_svc.domain.payments.credit_application import CreditApplication


class CreditApplicationRepository:
    """Where credit applications are kept."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, application: CreditApplication) -> None:
        await self._session.execute(
            insert(CreditApplicationRow).values(
                id=application.id,
                customer_id=application.customer_id,
                currency=application.currency,
                applied_on=application.applied_on,
                amount=application.amount,
                recorded_at=datetime.now(UTC),
            )
        )
        await self._session.execute(
            insert(CreditApplicationAllocationRow),
            [
                {
                    "application_id": application.id,
                    "invoice_id": a.invoice_id,
                    "position": n,
                    "amount": a.amount,
                    "discount": a.discount,
                    "open_amount_after": a.open_amount_after,
                }
                for n, a in enumerate(application.allocations)
            ],
        )
        await self._session.execute(
            insert(CreditApplicationDrawRow),
            [
                {
                    "application_id": application.id,
                    "source_kind": d.kind.value,
                    "source_id": d.source_id,
                    "amount": d.amount,
                }
                for d in application.draws
            ],
        )
