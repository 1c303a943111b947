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
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import InvoiceRow
from reporting_svc.adapters.tables_groups import InstalmentRow
from reporting_svc.projections.aging.buckets import AgingBucket
from reporting_svc.projections.aging.grouping import group_key, report_order
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.query import open_invoice_rows
from reporting_svc.projections.aging.report_changes import GROUPINGS, age_from_changes
from reporting_svc.projections.aging.report_groups import age_groups_from_changes
from reporting_svc.projections.aging.rows import AgingResult, AgingRow, GroupBy

WORK_MEM = "64MB"
# Where a page starts: after this (group, currency) in report order.
RowKey = tuple[str | None, str]


def _schedules(customer_id: str | None) -> Subquery:
    """Every instalment with what falls due before it on its invoice, oldest first, and the
    sum its invoice's instalments add up to."""
    s, inv = InstalmentRow, InvoiceRow
    invoice, oldest_first = col(s.invoice_id), (col(s.due_date), col(s.position))
    earlier = func.sum(col(s.amount_minor)).over(
        partition_by=invoice, order_by=oldest_first, rows=(None, -1)
    )
    query: Select[*tuple[Any, ...]] = select(
        invoice.label("invoice_id"),
        col(s.due_date).label("due_date"),
        col(s.amount_minor).label("amount"),
        func.coalesce(earlier, 0).label("before"),
        (func.row_number().over(partition_by=invoice, order_by=oldest_first) == 1).label("first"),
        cast(func.sum(col(s.amount_minor)).over(partition_by=invoice), BigInteger).label("plan"),
    )
    if customer_id is not None:
        mine = select(col(inv.id)).where(col(inv.customer_id) == customer_id)
        query = query.where(invoice.in_(mine))
    return query.subquery("schedules")


def _parts(opened: Subquery, basis: AgingBasis, customer_id: str | None) -> Subquery:
    """Each open invoice's open parts with the date each ages from, in one pass: an invoice
    whose instalments add up to its total ages per instalment, any other falls due whole. The
    disputed part of the invoice rides on one part so it is counted once."""
    disputed = func.least(opened.c.disputed, opened.c.owed)
    columns = (opened.c.customer_id, opened.c.currency)
    if basis is AgingBasis.ISSUE_DATE:
        whole = select(*columns, opened.c.issue_date.label("since"), opened.c.owed.label("open"))
        return whole.add_columns(disputed.label("disputed")).subquery("parts")
    plan = _schedules(customer_id)
    split = plan.c.invoice_id.is_not(None)
    settled = opened.c.total - opened.c.owed
    # What was settled pays the oldest instalments first (an over-reversed invoice owes its
    # first instalment more); the rest of each instalment still ages from its own due date.
    paid = func.least(
        plan.c.amount,
        case((plan.c.first, settled), else_=func.greatest(settled - plan.c.before, 0)),
    )
    return (
        select(
            *columns,
            func.coalesce(plan.c.due_date, opened.c.due_date).label("since"),
            case((split, plan.c.amount - paid), else_=opened.c.owed).label("open"),
            case((or_(~split, plan.c.first), disputed), else_=0).label("disputed"),
        )
        .outerjoin(
            plan, and_(plan.c.invoice_id == opened.c.invoice_id, plan.c.plan == opened.c.total)
        )
        .subquery("parts")
    )


def _sums(parts: Subquery, edges: Sequence[int]) -> list[ColumnElement[Any]]:
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


def aging_statement(
    as_of: date,
    known_at: datetime | None,
    customer_id: str | None,
    edges: Sequence[int],
    basis: AgingBasis,
    group_by: GroupBy,
    after: RowKey | None,
    limit: int | None,
    through: RowKey | None = None,
) -> Select[Any]:
    """The page of rows after `after` and up to `through` (all rows when `limit` is None),
    then the totals."""
    opened = open_invoice_rows(as_of, known_at, customer_id)
    parts = _parts(opened.select().where(opened.c.owed > 0).subquery("open"), basis, customer_id)
    aged = select(parts, (literal(as_of) - parts.c.since).label("days")).subquery("aged")
    # Summed per customer first: groups and totals are then read from a few rows per customer,
    # and a customer in two segments counts in both rows but once in the totals.
    owing = (
        select(aged.c.customer_id, aged.c.currency, *_sums(aged, edges))
        .group_by(aged.c.customer_id, aged.c.currency)
        .cte("owing")
    )
    return grouped_report(owing, group_by, as_of, known_at, after, limit, through)


def grouped_report(
    owing: CTE,
    group_by: GroupBy,
    as_of: date,
    known_at: datetime | None,
    after: RowKey | None,
    limit: int | None,
    through: RowKey | None,
) -> Select[Any]:
    """From what each customer owes per currency (`owing`: its buckets, then its disputed
    part), the page of grouped rows and then the totals per currency."""
    sums = [
        cast(func.sum(c), BigInteger).label(c.name)
        for c in owing.c
        if c.name not in ("customer_id", "currency")
    ]
    group, joined = group_key(owing, group_by, as_of, known_at)
    grouped = select(group.label("grp"), owing.c.currency, *sums)
    if joined is not None:
        grouped = grouped.select_from(owing.outerjoin(*joined))
    keys = [owing.c.currency] if group_by is GroupBy.CURRENCY else [group, owing.c.currency]
    grouped_rows = grouped.group_by(*keys).subquery("grouped")
    key = report_order(grouped_rows.c.grp, grouped_rows.c.currency)
    rows = select(literal(0).label("line"), grouped_rows)
    if after is not None:
        rows = rows.where(key > report_order(literal(after[0], Text), literal(after[1], Text)))
    if through is not None:
        last = report_order(literal(through[0], Text), literal(through[1], Text))
        rows = rows.where(key <= last)
    rows = rows.order_by(key).limit(limit)
    totals = select(literal(1).label("line"), null().label("grp"), owing.c.currency, *sums)
    totals = totals.group_by(owing.c.currency)
    both = union_all(rows.subquery("page").select(), totals).subquery("report")
    return select(both).order_by(both.c.line, report_order(both.c.grp, both.c.currency))


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
    through: RowKey | None = None,
) -> AgingResult:
    """The aging at `as_of` as known at `known_at`: a page of rows after `after` and up to
    `through` (every row when `limit` is None) and the totals per currency, each in the
    buckets' order."""
    edges = [b.to_days for b in buckets[1:-1] if b.to_days is not None]
    if known_at is None and group_by in GROUPINGS:
        # As known now, by customer or currency: read from the kept changes.
        return await age_from_changes(
            session, as_of, customer_id, edges, basis, group_by, after, limit, through
        )
    if known_at is None:
        # By any other grouping: the kept changes joined to their customers' groups.
        return await age_groups_from_changes(
            session, as_of, customer_id, edges, basis, group_by, after, limit, through
        )
    return await age_in_one_statement(
        session, as_of, known_at, customer_id, edges, basis, group_by, after, limit, through
    )


async def age_in_one_statement(
    session: AsyncSession,
    as_of: date,
    known_at: datetime | None,
    customer_id: str | None,
    edges: Sequence[int],
    basis: AgingBasis,
    group_by: GroupBy,
    after: RowKey | None,
    limit: int | None,
    through: RowKey | None = None,
) -> AgingResult:
    """The aging worked out from the facts themselves: any grouping, as known at any time."""
    statement = aging_statement(
        as_of, known_at, customer_id, edges, basis, group_by, after, limit, through
    )
    return await _read(session, statement, len(edges) + 2)


async def _read(session: AsyncSession, statement: Select[Any], width: int) -> AgingResult:
    """The page's rows, then the totals, of a grouped report's statement."""
    # A whole book's open parts are sorted and summed in memory, not spilled to disk; for the
    # rest of this transaction only.
    await session.execute(text(f"SET LOCAL work_mem = '{WORK_MEM}'"))
    rows: list[AgingRow] = []
    totals: list[AgingRow] = []
    for line in await session.execute(statement):
        amounts = tuple(int(line[3 + i]) for i in range(width))
        made = AgingRow(line.grp, line.currency, amounts, int(line.disputed or 0))
        (totals if line.line else rows).append(made)
    return AgingResult(tuple(rows), tuple(totals))
