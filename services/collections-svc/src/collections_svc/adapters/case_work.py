"""Case work as stored: activity logs, customers' credit grades, and the facts the worklist and
a case's standing are computed from."""

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from collections_svc.adapters.dunning_tables import (
    case_activities,
    credit_grades,
    disputes,
    promises,
)
from collections_svc.adapters.tables import ReceivableRow
from collections_svc.domain.case_work import Activity, ActivityKind
from collections_svc.domain.dispute import DisputeStatus
from collections_svc.domain.promise import PromiseStatus


def _activity(row: Any) -> Activity:
    return Activity(
        id=row.id,
        case_id=row.case_id,
        kind=ActivityKind(row.kind),
        outcome=row.outcome,
        occurred_at=row.occurred_at,
        next_action_on=row.next_action_on,
        note=row.note,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
    )


class CaseActivities:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, activity: Activity) -> None:
        await self._session.execute(
            insert(case_activities).values(
                id=activity.id,
                case_id=activity.case_id,
                kind=activity.kind.value,
                outcome=activity.outcome,
                occurred_at=activity.occurred_at,
                next_action_on=activity.next_action_on,
                note=activity.note,
                recorded_by=activity.recorded_by,
                recorded_at=activity.recorded_at,
            )
        )

    async def of_case(self, case_id: str, *, after: str | None, limit: int) -> list[Activity]:
        """The case's log in the order it was recorded."""
        query = (
            select(case_activities)
            .where(case_activities.c.case_id == case_id)
            .order_by(case_activities.c.id)
            .limit(limit)
        )
        if after is not None:
            query = query.where(case_activities.c.id > after)
        return [_activity(r) for r in await self._session.execute(query)]

    async def next_actions(self, case_ids: Collection[str]) -> dict[str, date | None]:
        """Each case's next action: the one its latest activity set."""
        if not case_ids:
            return {}
        logged = (
            select(case_activities.c.case_id, case_activities.c.next_action_on)
            .where(case_activities.c.case_id.in_(case_ids))
            .order_by(case_activities.c.occurred_at, case_activities.c.id)
        )
        # later activities overwrite earlier ones: the latest is what is left
        return {r.case_id: r.next_action_on for r in await self._session.execute(logged)}


class CreditGrades:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, customer_id: str, grade: str) -> None:
        statement = insert(credit_grades).values(customer_id=customer_id, grade=grade)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[credit_grades.c.customer_id], set_={"grade": grade}
            )
        )

    async def of(self, customer_ids: Collection[str]) -> dict[str, str]:
        query = select(credit_grades).where(credit_grades.c.customer_id.in_(customer_ids))
        return {r.customer_id: r.grade for r in await self._session.execute(query)}


class CaseFactsReader:
    """Per customer: the oldest overdue due date, what is disputed, promises open and broken."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def oldest_due_dates(self, customer_ids: Collection[str]) -> dict[str, date]:
        r = ReceivableRow
        query = (
            select(col(r.customer_id), func.min(col(r.due_date)))
            .where(
                col(r.customer_id).in_(customer_ids),
                col(r.overdue).is_(True),
                col(r.open_amount) > 0,
                col(r.due_date).is_not(None),
            )
            .group_by(col(r.customer_id))
        )
        return {c: d for c, d in await self._session.execute(query) if d is not None}

    async def disputed_amounts(self, customer_ids: Collection[str]) -> dict[str, int]:
        """Open disputes on overdue invoices, each at most what is still open on its invoice."""
        r = ReceivableRow
        query = (
            select(disputes.c.customer_id, func.sum(func.least(disputes.c.amount, r.open_amount)))
            .join(r, col(r.invoice_id) == disputes.c.invoice_id)
            .where(
                disputes.c.customer_id.in_(customer_ids),
                disputes.c.status == DisputeStatus.OPEN.value,
                col(r.overdue).is_(True),
                col(r.open_amount) > 0,
            )
            .group_by(disputes.c.customer_id)
        )
        return {c: int(total) for c, total in await self._session.execute(query)}

    async def promises_by_status(
        self, customer_ids: Collection[str], status: PromiseStatus
    ) -> dict[str, int]:
        query = (
            select(promises.c.customer_id, func.count())
            .where(promises.c.customer_id.in_(customer_ids), promises.c.status == status.value)
            .group_by(promises.c.customer_id)
        )
        return {c: int(n) for c, n in await self._session.execute(query)}
