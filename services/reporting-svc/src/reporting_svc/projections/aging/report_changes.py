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
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession

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


async def disputed_parts(
    session: AsyncSession, as_of: date, customer_id: str | None
) -> dict[tuple[str, str], int]:
    """Per customer and currency, the disputed part of what is open at as_of."""
    mine = "AND customer_id = :customer_id" if customer_id is not None else ""
    params = {"as_of": as_of, "customer_id": customer_id}
    found = await session.execute(text(_DISPUTED.format(mine=mine)), params)
    return {(c, cur): int(amount) for c, cur, amount in found}


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
    disputed = await disputed_parts(session, as_of, customer_id)
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
