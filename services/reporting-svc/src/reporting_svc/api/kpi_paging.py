"""Paging the DSO, ADD and CEI rows: `?limit=&cursor=` in, `next_cursor` out, as the aging.

By customer, a page reads the figures of its own keys only (key_range.py); by any other
grouping the groups are few and the rows are cut from the whole answer."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Query
from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_platform.web.pagination import bad_cursor, decode_cursor, encode_cursor
from reporting_svc.api.aging_out import cursor_key
from reporting_svc.projections.aging.rows import GroupBy
from reporting_svc.projections.kpis.inputs import GroupKey
from reporting_svc.projections.kpis.key_range import EVERY_KEY, KeyRange, next_keys

KpiLimit = Annotated[int, Query(ge=1, le=500, description="Rows per page")]


def report_order(key: GroupKey) -> tuple[bool, str, str]:
    """Groups by code point, then currency; the rows of customers without the group last."""
    return key[0] is None, key[0] or "", key[1]


@dataclass(frozen=True)
class KpiPage:
    """Where a page starts, how many rows it holds at most, and by customer the keys it reads
    (`more`: keys follow the last of them)."""

    after: GroupKey | None
    limit: int
    keys: KeyRange = EVERY_KEY
    more: bool = False

    def rows(self, keyed: Sequence[tuple[GroupKey, dict[str, Any]]]) -> dict[str, Any]:
        """The page's rows from every row worked out, in report order, and the cursor after
        them: null on the last page."""
        start = None if self.after is None else report_order(self.after)
        ordered = sorted(keyed, key=lambda k: report_order(k[0]))
        left = [(k, r) for k, r in ordered if start is None or report_order(k) > start]
        taken = left[: self.limit]
        last: GroupKey | None = None
        if len(left) > self.limit:
            last = taken[-1][0]
        elif self.more:
            last = self.keys.through
        cursor = None if last is None else encode_cursor(json.dumps(list(last)))
        return {"rows": [r for _, r in taken], "next_cursor": cursor}


async def open_page(
    session: AsyncSession,
    through: date,
    customer_id: str | None,
    group_by: GroupBy | None,
    cursor: str | None,
    limit: int,
) -> KpiPage:
    """The page a cursor asks for; by customer, the keys it reads: up to `limit` keys with
    facts issued by `through` (the report's last day)."""
    after = cursor_key(decode_cursor(cursor))
    if group_by is not GroupBy.CUSTOMER:
        return KpiPage(after, limit)
    if after is not None and after[0] is None:
        raise bad_cursor("Pass back the next_cursor of a previous page by customer.")
    start = None if after is None else (str(after[0]), after[1])
    found = await next_keys(session, through, customer_id, start, limit + 1)
    more = len(found) > limit
    keys = KeyRange(after, found[limit - 1] if more else None)
    return KpiPage(after, limit, keys, more)
