"""The aging as known now by segment, region, industry, grade or collector, read from the kept
changes (changes.py): each change joined to its customer's groups and summed per group and
bucket in one pass, not per customer first. A part's changes up to a date sum to what is open
on it then, never below zero, so a group's sums are its customers' open amounts; a customer in
two segments counts in both rows. The totals per currency, and the disputed parts, are those
report_changes.py reads. It answers what the whole statement in report_query.py answers, for
the facts as known now; a test holds the two to the cent, page by page.
"""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import BigInteger, Integer, Text, cast, collate, func, literal, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables_aging import AgingChangeRow
from reporting_svc.projections.aging.grouping import group_key, report_order
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.query import load_groups
from reporting_svc.projections.aging.report_changes import (
    RowKey,
    age_from_changes,
    disputed_parts,
)
from reporting_svc.projections.aging.rows import AgingResult, AgingRow, GroupBy

# The join and the sums over a whole book's changes stay in memory; this transaction only.
WORK_MEM = "64MB"


async def age_groups_from_changes(
    session: AsyncSession,
    as_of: date,
    customer_id: str | None,
    edges: Sequence[int],
    basis: AgingBasis,
    group_by: GroupBy,
    after: RowKey | None,
    limit: int | None,
    through: RowKey | None = None,
) -> AgingResult:
    """A page of rows after `after` and up to `through` (every row when `limit` is None),
    and the totals per currency."""
    c = AgingChangeRow
    since = col(c.issued_on) if basis is AgingBasis.ISSUE_DATE else col(c.due_from)
    where = [col(c.changed_on) <= as_of]
    if customer_id is not None:
        where.append(col(c.customer_id) == customer_id)
    changes = (
        select(
            # The groups' tables compare customer ids in the database's collation.
            collate(col(c.customer_id), "default").label("customer_id"),
            col(c.currency).label("currency"),
            since.label("since"),
            col(c.change_minor).label("change"),
        )
        .where(*where)
        .subquery("changes")
    )
    group, joined = group_key(changes, group_by, as_of, None)
    # Due on as_of is 0 days past due: current; 1..e1 the first bucket; over the last edge the last.
    thresholds = cast([1, *(e + 1 for e in edges)], ARRAY(Integer))
    bucket = func.width_bucket(literal(as_of) - changes.c.since, thresholds)
    width = len(edges) + 2
    sums = [
        cast(func.coalesce(func.sum(changes.c.change).filter(bucket == i), 0), BigInteger)
        for i in range(width)
    ]
    grouped = (
        select(group.label("grp"), changes.c.currency, *sums)
        .select_from(changes.outerjoin(*joined))
        .group_by(group, changes.c.currency)
        .having(func.sum(changes.c.change) > 0)
        .subquery("grouped")
    )
    key = report_order(grouped.c.grp, grouped.c.currency)
    page = select(grouped)
    if after is not None:
        page = page.where(key > report_order(literal(after[0], Text), literal(after[1], Text)))
    if through is not None:
        page = page.where(key <= report_order(literal(through[0], Text), literal(through[1], Text)))
    await session.execute(text(f"SET LOCAL work_mem = '{WORK_MEM}'"))
    lines = (await session.execute(page.order_by(key).limit(limit))).all()
    disputed = await _disputed_per_group(session, as_of, customer_id, group_by)
    rows = [
        AgingRow(
            line[0], line[1], tuple(int(a) for a in line[2:]), disputed.get((line[0], line[1]), 0)
        )
        for line in lines
    ]
    every = await age_from_changes(
        session, as_of, customer_id, edges, basis, GroupBy.CURRENCY, None, None
    )
    return AgingResult(tuple(rows), every.totals)


async def _disputed_per_group(
    session: AsyncSession, as_of: date, customer_id: str | None, group_by: GroupBy
) -> dict[RowKey, int]:
    """The disputed parts summed per group, as the changes are: few customers have any."""
    disputed = await disputed_parts(session, as_of, customer_id)
    groups = await load_groups(session, group_by, sorted({c for c, _ in disputed}), as_of) or {}
    sums: dict[RowKey, int] = {}
    for (customer, currency), amount in disputed.items():
        for group in groups.get(customer) or [None]:
            sums[group, currency] = sums.get((group, currency), 0) + amount
    return sums
