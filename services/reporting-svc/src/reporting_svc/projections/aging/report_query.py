"""The aging report as one Postgres statement: what is open on each invoice at a date, split
per instalment (the oldest settled first), bucketed, grouped, paged and totalled in SQL, so a
book of a million invoices never crosses into Python. It answers exactly what `rows.py` answers
from `query.py`'s open invoices; a test holds the two to the cent.
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CTE,
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    Subquery,
    Text,
    case,
    cast,
    collate,
    func,
    literal,
    null,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import CustomerAccountRow
from reporting_svc.adapters.tables_groups import CustomerSegmentRow, InstalmentRow
from reporting_svc.projections.aging.buckets import AgingBucket
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.query import open_invoice_rows
from reporting_svc.projections.aging.rows import AgingResult, AgingRow, GroupBy

# Where a page starts: after this (group, currency) in report order.
RowKey = tuple[str | None, str]


def _parts(opened: CTE, basis: AgingBasis) -> Subquery:
    """Each open invoice's open parts with the date each ages from; the disputed part of the
    invoice rides on one of them so it is counted once."""
    disputed = func.least(opened.c.disputed, opened.c.owed)
    whole_since = opened.c.issue_date if basis is AgingBasis.ISSUE_DATE else opened.c.due_date
    columns = (opened.c.customer_id, opened.c.currency)
    if basis is AgingBasis.ISSUE_DATE:
        whole = select(*columns, whole_since.label("since"), opened.c.owed.label("open"))
        return whole.add_columns(disputed.label("disputed")).subquery("parts")
    s = InstalmentRow
    planned = (
        select(col(s.invoice_id).label("invoice_id"), func.sum(col(s.amount_minor)).label("sum"))
        .join(opened, opened.c.invoice_id == col(s.invoice_id))
        .group_by(col(s.invoice_id))
        .subquery("planned")
    )
    # Instalments that do not add up to the total cannot be trusted: it falls due whole.
    trusted = planned.c.sum == opened.c.total
    whole = (
        select(*columns, whole_since.label("since"), opened.c.owed.label("open"))
        .add_columns(disputed.label("disputed"))
        .outerjoin(planned, planned.c.invoice_id == opened.c.invoice_id)
        .where(or_(planned.c.sum.is_(None), ~trusted))
    )
    oldest_first = (col(s.due_date), col(s.position))
    invoice = col(s.invoice_id)
    earlier = func.sum(col(s.amount_minor)).over(
        partition_by=invoice, order_by=oldest_first, rows=(None, -1)
    )
    before = func.coalesce(earlier, 0)
    first = func.row_number().over(partition_by=invoice, order_by=oldest_first) == 1
    settled = opened.c.total - opened.c.owed
    # What was settled pays the oldest instalments first (an over-reversed invoice owes its
    # first instalment more); the rest of each instalment still ages from its own due date.
    paid = func.least(
        col(s.amount_minor), case((first, settled), else_=func.greatest(settled - before, 0))
    )
    split = (
        select(*columns, col(s.due_date).label("since"), (col(s.amount_minor) - paid).label("open"))
        .add_columns(case((first, disputed), else_=0).label("disputed"))
        .join(planned, planned.c.invoice_id == opened.c.invoice_id)
        .join(s, col(s.invoice_id) == opened.c.invoice_id)
        .where(trusted)
    )
    return union_all(whole, split).subquery("parts")


def _group_key(parts: CTE, group_by: GroupBy) -> tuple[Any, Any]:
    """The group column, and what to join to find it (None: nothing)."""
    if group_by is GroupBy.CUSTOMER:
        return parts.c.customer_id, None
    if group_by is GroupBy.CURRENCY:
        return null(), None
    if group_by is GroupBy.SEGMENT:
        s = CustomerSegmentRow
        return col(s.segment), (s, col(s.customer_id) == parts.c.customer_id)
    c = CustomerAccountRow
    return getattr(c, group_by.value), (c, col(c.id) == parts.c.customer_id)


def _sums(parts: CTE, edges: Sequence[int]) -> list[ColumnElement[Any]]:
    # Due on as_of is 0 days past due: current; 1..e1 the first bucket; over the last edge the last.
    thresholds = cast([1, *(e + 1 for e in edges)], ARRAY(Integer))
    bucket = func.width_bucket(parts.c.days, thresholds)
    amounts = [
        cast(func.coalesce(func.sum(parts.c.open).filter(bucket == i), 0), BigInteger)
        for i in range(len(edges) + 2)
    ]
    return [
        *(a.label(f"b{i}") for i, a in enumerate(amounts)),
        cast(func.sum(parts.c.disputed), BigInteger).label("disputed"),
    ]


def _report_order(group: ColumnElement[Any], currency: ColumnElement[Any]) -> Any:
    # Python's order of strings is by code point; so is "C" collation over UTF-8.
    return tuple_(group.is_(None), func.coalesce(collate(group, "C"), ""), collate(currency, "C"))


def aging_statement(
    as_of: date,
    known_at: datetime | None,
    customer_id: str | None,
    edges: Sequence[int],
    basis: AgingBasis,
    group_by: GroupBy,
    after: RowKey | None,
    limit: int | None,
) -> Select[Any]:
    """The page of rows after `after` (all rows when `limit` is None), then the totals."""
    opened = open_invoice_rows(as_of, known_at, customer_id)
    split = _parts(opened.select().where(opened.c.owed > 0).cte("open_items"), basis)
    aged = select(split, (literal(as_of) - split.c.since).label("days")).cte("aged")
    group, joined = _group_key(aged, group_by)
    grouped = select(group.label("grp"), aged.c.currency, *_sums(aged, edges))
    if joined is not None:
        grouped = grouped.select_from(aged.outerjoin(*joined))
    keys = [aged.c.currency] if group_by is GroupBy.CURRENCY else [group, aged.c.currency]
    grouped_rows = grouped.group_by(*keys).subquery("grouped")
    key = _report_order(grouped_rows.c.grp, grouped_rows.c.currency)
    rows = select(literal(0).label("line"), grouped_rows)
    if after is not None:
        rows = rows.where(key > _report_order(literal(after[0], Text), literal(after[1], Text)))
    rows = rows.order_by(key).limit(limit)
    totals = select(literal(1).label("line"), null().label("grp"), aged.c.currency)
    totals = totals.add_columns(*_sums(aged, edges)).group_by(aged.c.currency)
    both = union_all(rows.subquery("page").select(), totals).subquery("report")
    return select(both).order_by(both.c.line, _report_order(both.c.grp, both.c.currency))


async def age_in_database(
    session: AsyncSession,
    as_of: date,
    known_at: datetime | None,
    customer_id: str | None,
    buckets: Sequence[AgingBucket],
    basis: AgingBasis,
    group_by: GroupBy,
    after: RowKey | None = None,
    limit: int | None = None,
) -> AgingResult:
    """The aging at `as_of` as known at `known_at`: a page of rows (every row when `limit` is
    None) and the totals per currency, each in the buckets' order."""
    edges = [b.to_days for b in buckets[1:-1] if b.to_days is not None]
    statement = aging_statement(as_of, known_at, customer_id, edges, basis, group_by, after, limit)
    rows: list[AgingRow] = []
    totals: list[AgingRow] = []
    width = len(buckets)
    for line in await session.execute(statement):
        amounts = tuple(int(line[3 + i]) for i in range(width))
        made = AgingRow(line.grp, line.currency, amounts, int(line.disputed or 0))
        (totals if line.line else rows).append(made)
    return AgingResult(tuple(rows), tuple(totals))
