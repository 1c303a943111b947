"""Credit grades as they stood at a date: the grade of the latest assessment as of that day
(assessments of one day in the order credit-svc recorded them), as known at a time."""

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import Subquery, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables_credit import GradeChangeRow
from reporting_svc.projections.facts.known_at import known_by


def grades_in_force(as_of: date, known_at: datetime | None = None) -> Subquery:
    """(customer_id, grade) for every customer graded by the end of `as_of`."""
    g = GradeChangeRow
    latest_first = (
        col(g.customer_id),
        col(g.effective_on).desc(),
        col(g.recorded_at).desc().nulls_last(),
        col(g.assessment_id).desc(),
    )
    return (
        select(col(g.customer_id).label("customer_id"), col(g.grade).label("grade"))
        .where(col(g.effective_on) <= as_of, known_by(g.recorded_at, known_at))
        .ext(distinct_on(col(g.customer_id)))
        .order_by(*latest_first)
        .subquery("grades")
    )


async def grades_at(
    session: AsyncSession, as_of: date, customer_ids: Collection[str] | None = None
) -> dict[str, str]:
    """Each customer's grade in force at the end of `as_of` (only these customers, if given)."""
    grades = grades_in_force(as_of)
    query = select(grades.c.customer_id, grades.c.grade)
    if customer_ids is not None:
        query = query.where(grades.c.customer_id.in_(sorted(customer_ids)))
    return {c: g for c, g in await session.execute(query)}
