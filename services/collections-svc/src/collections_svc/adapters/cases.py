"""Collection cases, open and closed."""

from typing import Any

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from collections_svc.adapters.tables import CollectionCaseRow
from collections_svc.domain.case import CaseStatus, CollectionCase
from collections_svc.domain.commitments import Commitments
from ledgerflow_platform.database import driver_connection

# Every payment looks up its customer's open case twice (before and after it is applied): sent
# on the driver's connection, prepared once per connection, these cost a fraction of the same
# statements sent through the session and its result machinery.
_OPEN_CASE_OF = """
SELECT id, customer_id, currency, status, overdue_amount, opened_on, closed_on, collector,
       assigned_on
FROM collection_cases
WHERE customer_id = $1 AND status = 'open'
FOR UPDATE
"""
# The open case as _OPEN_CASE_OF locks it, and in the same round trip whether the customer has
# anything else a payment counts towards: most customers paying have none of these, and are
# spared looking for each.
_OPEN_CASE_AND_COMMITMENTS = """
WITH open_case AS MATERIALIZED (
    SELECT id, customer_id, currency, status, overdue_amount, opened_on, closed_on, collector,
           assigned_on
    FROM collection_cases
    WHERE customer_id = $1 AND status = 'open'
    FOR UPDATE
)
SELECT open_case.*, commitments.*
FROM (
    SELECT EXISTS (SELECT FROM promises WHERE customer_id = $1 AND status = 'open')
               AS promises_open,
           EXISTS (SELECT FROM payment_plans WHERE customer_id = $1 AND status = 'on_track')
               AS plans_on_track
) AS commitments
LEFT JOIN open_case ON true
"""
# Written again by every payment, void or credit of a customer in collections, likewise.
_SAVE = """
INSERT INTO collection_cases (id, customer_id, currency, status, overdue_amount, opened_on,
                              closed_on, collector, assigned_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (id) DO UPDATE
SET status = excluded.status, overdue_amount = excluded.overdue_amount,
    closed_on = excluded.closed_on, collector = excluded.collector,
    assigned_on = excluded.assigned_on
"""


def _from_record(record: asyncpg.Record) -> CollectionCase:
    return CollectionCase(
        id=record["id"],
        customer_id=record["customer_id"],
        currency=record["currency"],
        status=CaseStatus(record["status"]),
        overdue_amount=record["overdue_amount"],
        opened_on=record["opened_on"],
        closed_on=record["closed_on"],
        collector=record["collector"],
        assigned_on=record["assigned_on"],
    )


def _to_domain(row: Any) -> CollectionCase:
    return CollectionCase(
        id=row.id,
        customer_id=row.customer_id,
        currency=row.currency,
        status=CaseStatus(row.status),
        overdue_amount=row.overdue_amount,
        opened_on=row.opened_on,
        closed_on=row.closed_on,
        collector=row.collector,
        assigned_on=row.assigned_on,
    )


class CollectionCases:
    """Every collection case, open and closed."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def open_case_of(self, customer_id: str) -> CollectionCase | None:
        """The customer's open case, locked until the transaction ends."""
        driver = await driver_connection(self._session)
        record = await driver.fetchrow(_OPEN_CASE_OF, customer_id)
        return _from_record(record) if record is not None else None

    async def open_case_and_commitments(
        self, customer_id: str
    ) -> tuple[CollectionCase | None, Commitments]:
        """The customer's open case, locked as by `open_case_of`, and their commitments."""
        driver = await driver_connection(self._session)
        record = await driver.fetchrow(_OPEN_CASE_AND_COMMITMENTS, customer_id)
        assert record is not None, "the commitments make one row, with or without a case"
        commitments = Commitments(record["promises_open"], record["plans_on_track"])
        return (_from_record(record) if record["id"] is not None else None), commitments

    async def save(self, case: CollectionCase) -> None:
        driver = await driver_connection(self._session)
        await driver.execute(
            _SAVE,
            case.id,
            case.customer_id,
            case.currency,
            case.status.value,
            case.overdue_amount,
            case.opened_on,
            case.closed_on,
            case.collector,
            case.assigned_on,
        )

    async def get(self, case_id: str, *, for_update: bool = False) -> CollectionCase | None:
        query = select(CollectionCaseRow).where(col(CollectionCaseRow.id) == case_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).scalars().first()
        return _to_domain(row) if row else None

    async def open_ones(
        self, *, currency: str | None = None, collector: str | None = None
    ) -> list[CollectionCase]:
        """Every open case, or those in one currency or of one collector: the worklist's."""
        query = select(CollectionCaseRow).where(
            col(CollectionCaseRow.status) == CaseStatus.OPEN.value
        )
        if currency is not None:
            query = query.where(col(CollectionCaseRow.currency) == currency)
        if collector is not None:
            query = query.where(col(CollectionCaseRow.collector) == collector)
        return [_to_domain(r) for r in (await self._session.execute(query)).scalars().all()]

    async def page(
        self,
        *,
        customer_id: str | None,
        status: CaseStatus | None,
        after: str | None,
        limit: int,
        collector: str | None = None,
    ) -> list[CollectionCase]:
        query = select(CollectionCaseRow).order_by(col(CollectionCaseRow.id)).limit(limit)
        if collector is not None:
            query = query.where(col(CollectionCaseRow.collector) == collector)
        if customer_id is not None:
            query = query.where(col(CollectionCaseRow.customer_id) == customer_id)
        if status is not None:
            query = query.where(col(CollectionCaseRow.status) == status.value)
        if after is not None:
            query = query.where(col(CollectionCaseRow.id) > after)
        rows = (await self._session.execute(query)).scalars().all()
        return [_to_domain(r) for r in rows]
