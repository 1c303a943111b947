"""The aging at a date read from the invoices' dated changes (changes.py): a part's open
amount at the end of a day is the sum of its changes up to that day. A page of customers
reads their own changes in index order and stops after its last row; the totals read the
book's changes summed per currency and day, a few rows per day of business whatever the number
of customers. It answers what the whole statement in report_query.py answers, for the facts
as known now; a test holds the two to the cent.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    CTE,
    BigInteger,
    Integer,
    Text,
    and_,
    cast,
    collate,
    column,
    func,
    literal,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables_aging import AgingChangeRow
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.rows import AgingResult, AgingRow, GroupBy

RowKey = tuple[str | None, str]
GROUPINGS = (GroupBy.CUSTOMER, GroupBy.CURRENCY)


def _sums(since: str, buckets: int) -> str:
    # Due on as_of is 0 days past due: current; 1..e1 the first bucket; over the last edge the last.
    bucket = f"width_bucket(CAST(:as_of AS date) - {since}, CAST(:thresholds AS int[]))"
    return ", ".join(
        f"coalesce(sum(change_minor) FILTER (WHERE {bucket} = {i}), 0) AS b{i}"
        for i in range(buckets)
    )


def _where(customer_id: str | None, after: str | None) -> str:
    """Changes up to as_of, of one customer when given, after the last row of a page."""
    where = ["changed_on <= :as_of"]
    if customer_id is not None:
        where.append("customer_id = :customer_id")
    if after is not None:
        where.append(after)
    return " AND ".join(where)


def _customers_page(
    sums: str, customer_id: str | None, after: RowKey | None, through: RowKey | None
) -> str:
    bounds = []
    if after is not None:
        bounds.append("(customer_id, currency) > (:after_group, :after_currency)")
    if through is not None:
        bounds.append("(customer_id, currency) <= (:through_group, :through_currency)")
    where = _where(customer_id, " AND ".join(bounds) or None)
    return (
        f"SELECT customer_id AS grp, currency, {sums} FROM aging_changes "  # noqa: S608
        f"WHERE {where} GROUP BY customer_id, currency "
        "HAVING sum(change_minor) > 0 ORDER BY customer_id, currency LIMIT :limit"
    )


def _currencies(sums: str, customer_id: str | None, after: RowKey | None) -> str:
    # One customer's totals are its own changes; the book's are the summed ones.
    source = "aging_change_totals" if customer_id is None else "aging_changes"
    where = _where(customer_id, None if after is None else "currency > :after_currency")
    return (
        f"SELECT NULL AS grp, currency, {sums} FROM {source} WHERE {where} "  # noqa: S608
        "GROUP BY currency HAVING sum(change_minor) > 0 ORDER BY currency LIMIT :limit"
    )


# The disputed part of each open invoice, never more than is open on it, per customer and
# currency: read for the invoices under dispute only.
_DISPUTED = """
WITH disputed AS (
    SELECT invoice_id, sum(amount_minor) AS amount FROM disputes
    WHERE opened_on <= :as_of AND (resolved_on IS NULL OR resolved_on > :as_of) {mine}
    GROUP BY invoice_id
)
SELECT i.customer_id, i.currency, sum(least(d.amount, o.open)) AS disputed
FROM disputed d JOIN invoices i ON i.id = d.invoice_id
CROSS JOIN LATERAL (
    SELECT sum(change_minor) AS open FROM aging_changes c
    WHERE c.invoice_id = d.invoice_id AND c.changed_on <= :as_of
) o
WHERE o.open > 0
GROUP BY i.customer_id, i.currency
"""


async def age_from_changes(
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
    """A page of rows after `after` (every row when `limit` is None) and the totals per
    currency, grouped by customer or by currency only (GROUPINGS); by customer, the page ends
    at `through` when given."""
    since = "issued_on" if basis is AgingBasis.ISSUE_DATE else "due_from"
    width = len(edges) + 2
    sums = _sums(since, width)
    params: dict[str, Any] = {
        "as_of": as_of,
        "thresholds": [1, *(e + 1 for e in edges)],
        "customer_id": customer_id,
        "after_group": after[0] if after else None,
        "after_currency": after[1] if after else None,
        "through_group": through[0] if through else None,
        "through_currency": through[1] if through else None,
        "limit": limit,
    }
    mine = "AND customer_id = :customer_id" if customer_id is not None else ""
    disputed: dict[tuple[str, str], int] = {
        (c, cur): int(amount)
        for c, cur, amount in await session.execute(text(_DISPUTED.format(mine=mine)), params)
    }
    by_currency: dict[str, int] = {}
    for (_, currency), amount in disputed.items():
        by_currency[currency] = by_currency.get(currency, 0) + amount

    def made(line: Any) -> AgingRow:
        amounts = tuple(int(line[2 + i]) for i in range(width))
        if line.grp is None:
            return AgingRow(None, line.currency, amounts, by_currency.get(line.currency, 0))
        return AgingRow(
            line.grp, line.currency, amounts, disputed.get((line.grp, line.currency), 0)
        )

    if group_by is GroupBy.CUSTOMER:
        page = _customers_page(sums, customer_id, after, through)
    else:
        page = _currencies(sums, customer_id, after)
    rows = [made(line) for line in await session.execute(text(page), params)]
    every = {**params, "limit": None}
    totals = [
        made(line)
        for line in await session.execute(text(_currencies(sums, customer_id, None)), every)
    ]
    return AgingResult(tuple(rows), tuple(totals))


def owing_from_changes(
    as_of: date, customer_id: str | None, edges: Sequence[int], basis: AgingBasis
) -> CTE:
    """What each customer owes per currency at as_of, per bucket and its disputed part, read
    from the kept changes: what report_query.py works out from the facts, for the groupings
    that join customers to their groups."""
    c = AgingChangeRow
    since = col(c.issued_on) if basis is AgingBasis.ISSUE_DATE else col(c.due_from)
    thresholds = cast([1, *(e + 1 for e in edges)], ARRAY(Integer))
    bucket = func.width_bucket(literal(as_of) - since, thresholds)
    change = col(c.change_minor)
    where = [col(c.changed_on) <= as_of]
    if customer_id is not None:
        where.append(col(c.customer_id) == customer_id)
    buckets = [
        cast(func.coalesce(func.sum(change).filter(bucket == i), 0), BigInteger).label(f"b{i}")
        for i in range(len(edges) + 2)
    ]
    # The groups' tables compare customer ids in the database's collation, as the facts do.
    customer = collate(col(c.customer_id), "default").label("customer_id")
    sums = (
        select(customer, col(c.currency).label("currency"), *buckets)
        .where(*where)
        .group_by(col(c.customer_id), col(c.currency))
        .having(func.sum(change) > 0)
        .subquery("open_sums")
    )
    mine = "AND customer_id = :customer_id" if customer_id is not None else ""
    found = text(_DISPUTED.format(mine=mine)).bindparams(as_of=as_of)
    if customer_id is not None:
        found = found.bindparams(customer_id=customer_id)
    disputed = found.columns(
        column("customer_id", Text), column("currency", Text), column("disputed", BigInteger)
    ).subquery("disputed_parts")
    on = and_(
        disputed.c.customer_id == sums.c.customer_id,
        collate(disputed.c.currency, "C") == sums.c.currency,
    )
    part = cast(func.coalesce(disputed.c.disputed, 0), BigInteger).label("disputed")
    return select(sums, part).select_from(sums.outerjoin(disputed, on)).cte("owing")
