"""What the aging's statements group by, and the report's order of rows."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import CTE, ColumnElement, Subquery, collate, func, null, tuple_
from sqlmodel import col

from reporting_svc.adapters.tables import CustomerAccountRow
from reporting_svc.adapters.tables_groups import CustomerSegmentRow
from reporting_svc.projections.aging.rows import GroupBy
from reporting_svc.projections.credit.grades import grades_in_force


def group_key(
    parts: CTE | Subquery, group_by: GroupBy, as_of: date, known_at: datetime | None
) -> tuple[Any, Any]:
    """The group column, and what to join to find it (None: nothing); the grade is the one in
    force at the end of as_of."""
    if group_by is GroupBy.CUSTOMER:
        return parts.c.customer_id, None
    if group_by is GroupBy.CURRENCY:
        return null(), None
    if group_by is GroupBy.SEGMENT:
        s = CustomerSegmentRow
        return col(s.segment), (s, col(s.customer_id) == parts.c.customer_id)
    if group_by is GroupBy.GRADE:
        grades = grades_in_force(as_of, known_at)
        return grades.c.grade, (grades, grades.c.customer_id == parts.c.customer_id)
    c = CustomerAccountRow
    return getattr(c, group_by.value), (c, col(c.id) == parts.c.customer_id)


def report_order(group: ColumnElement[Any], currency: ColumnElement[Any]) -> Any:
    # Python's order of strings is by code point; so is "C" collation over UTF-8.
    return tuple_(group.is_(None), func.coalesce(collate(group, "C"), ""), collate(currency, "C"))
