"""What collector performance is computed from: money collected, cases closed, promises."""

from collections.abc import Mapping
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from collections_svc.adapters.dunning_tables import collected, promises
from collections_svc.adapters.tables import CollectionCaseRow

# Built once: payments on an assigned case's overdue invoices are recorded as they arrive.
_ADD = insert(collected).on_conflict_do_nothing()


class Collected:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self,
        *,
        payment_ref: str,
        case_id: str,
        collector: str,
        currency: str,
        amounts: Mapping[str, int],
        on: date,
    ) -> None:
        if not amounts:
            return
        await self._session.execute(
            _ADD,
            [
                {
                    "payment_ref": payment_ref,
                    "invoice_id": invoice_id,
                    "case_id": case_id,
                    "collector": collector,
                    "currency": currency,
                    "amount": amount,
                    "collected_on": on,
                }
                for invoice_id, amount in amounts.items()
            ],
        )

    async def by_collector(self, start: date, end: date) -> list[tuple[str, str, int]]:
        """(collector, currency, amount) collected in the period."""
        query = (
            select(collected.c.collector, collected.c.currency, func.sum(collected.c.amount))
            .where(collected.c.collected_on.between(start, end))
            .group_by(collected.c.collector, collected.c.currency)
        )
        return [(c, cur, int(a)) for c, cur, a in await self._session.execute(query)]

    async def closed_cases(self, start: date, end: date) -> list[tuple[str, date, date]]:
        """(collector, opened_on, closed_on) of assigned cases closed in the period."""
        c = CollectionCaseRow
        query = select(col(c.collector), col(c.opened_on), col(c.closed_on)).where(
            col(c.collector).is_not(None), col(c.closed_on).between(start, end)
        )
        return [
            (who, o, cl)
            for who, o, cl in await self._session.execute(query)
            if who is not None and cl is not None
        ]

    async def promises_on(self, day_column: str, start: date, end: date) -> dict[str, int]:
        """Promises per collector of their case, whose `day_column` lies in the period."""
        c = CollectionCaseRow
        day = promises.c[day_column]
        query = (
            select(col(c.collector), func.count())
            .select_from(promises.join(c.__table__, col(c.id) == promises.c.case_id))  # type: ignore[attr-defined]
            .where(col(c.collector).is_not(None), day.between(start, end))
            .group_by(col(c.collector))
        )
        return {who: int(n) for who, n in await self._session.execute(query) if who is not None}
