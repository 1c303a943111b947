"""Reports in pages: `?limit=&cursor=` in, `next_cursor` out, as the aging.

A page starts after the key of the previous page's last row, in the report's order. By
customer, DSO, ADD, CEI and credit exposure read the figures of the page's own keys only
(key_range.py); the other reports, and these by any other grouping, cut the page from the
whole answer."""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Query
from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_platform.web.pagination import bad_cursor, encode_cursor
from reporting_svc.api.aging_out import cursor_key
from reporting_svc.projections.aging.rows import GroupBy
from reporting_svc.projections.kpis.key_range import EVERY_KEY, KeyRange, next_keys

RowsLimit = Annotated[int, Query(ge=1, le=500, description="Rows per page")]
RowKey = tuple[Any, ...]  # what a row's place is decided by, as its cursor carries it


def report_order(key: RowKey) -> tuple[Any, ...]:
    """Groups by code point, then currency; the rows of customers without the group last."""
    group, currency = key
    return group is None, group or "", currency


@dataclass(frozen=True)
class ReportPage:
    """Where a page starts, how many rows it holds at most, and by customer the keys it reads
    (`more`: keys follow the last of them)."""

    after: RowKey | None
    limit: int
    keys: KeyRange = EVERY_KEY
    more: bool = False

    def rows(
        self,
        keyed: Sequence[tuple[RowKey, dict[str, Any]]],
        order: Callable[[RowKey], Any] = report_order,
    ) -> dict[str, Any]:
        """The page's rows out of the rows worked out, and the cursor after them: null on the
        last page."""
        start = None if self.after is None else order(self.after)
        ordered = sorted(keyed, key=lambda k: order(k[0]))
        left = [(k, r) for k, r in ordered if start is None or order(k) > start]
        taken = left[: self.limit]
        last: RowKey | None = None
        if len(left) > self.limit:
            last = taken[-1][0]
        elif self.more:
            last = self.keys.through
        cursor = None if last is None else encode_cursor(json.dumps(list(last)))
        return {"rows": [r for _, r in taken], "next_cursor": cursor}


def group_page(cursor: str | None, limit: int) -> ReportPage:
    """A page of rows keyed by group and currency, after the cursor's."""
    return ReportPage(cursor_key(cursor), limit)


async def keyed_page(
    session: AsyncSession,
    through: date,
    customer_id: str | None,
    group_by: GroupBy | None,
    cursor: str | None,
    limit: int,
) -> ReportPage:
    """The page of a DSO, ADD, CEI or credit exposure a cursor asks for; by customer, the keys
    it reads: up to `limit` keys with facts issued by `through` (the report's last day)."""
    page = group_page(cursor, limit)
    if group_by is not GroupBy.CUSTOMER:
        return page
    after = page.after
    if after is not None and after[0] is None:
        raise bad_cursor("Pass back the next_cursor of a previous page by customer.")
    start = None if after is None else (str(after[0]), str(after[1]))
    found = await next_keys(session, through, customer_id, start, limit + 1)
    more = len(found) > limit
    keys = KeyRange(after, found[limit - 1] if more else None)
    return ReportPage(after, limit, keys, more)
