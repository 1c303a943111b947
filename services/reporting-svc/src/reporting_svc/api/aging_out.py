"""The aging report as JSON: rows keep today's fields under the default buckets, and every row
and total carries its buckets, disputed part and total at the currency's scale."""

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from ledgerflow_events.money import format_minor
from ledgerflow_platform.web.pagination import bad_cursor, decode_json_cursor, encode_cursor
from reporting_svc.projections.aging.buckets import DEFAULT_FIELDS, AgingBucket
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.report_query import RowKey
from reporting_svc.projections.aging.rows import AgingRow, GroupBy

GROUP_FIELDS = {
    GroupBy.CUSTOMER: "customer_id",
    GroupBy.SEGMENT: "segment",
    GroupBy.REGION: "region",
    GroupBy.INDUSTRY: "industry",
    GroupBy.GRADE: "grade",
    GroupBy.COLLECTOR: "collector",
}


def convention(basis: AgingBasis, known_at: datetime | None) -> dict[str, str]:
    since = "its due date" if basis is AgingBasis.DUE_DATE else "its issue date"
    return {
        "receivables": "invoices issued on or before as_of and not voided by then, less "
        "payments by received date with their earned discounts, credit notes by issue date, "
        "write-offs by approval date and credit applications dated on or before as_of, never "
        "below zero; reversals after as_of do not reopen; unapplied credit is not deducted",
        "current": "not past due at as_of: due date on or after as_of",
        "basis": f"days are counted from {since} to as_of",
        "instalments": "an instalment invoice ages per instalment, the oldest settled first",
        "known_at": "facts recorded after known_at are left out"
        if known_at
        else "every fact recorded so far",
        "disputed": "open amounts under an unresolved dispute at as_of, included in the buckets",
        "rounding": "amounts at the currency's scale; currencies are never added together",
    }


def row_out(
    row: AgingRow, buckets: Sequence[AgingBucket], group_by: GroupBy | None, legacy: bool
) -> dict[str, Any]:
    cur = row.currency
    out: dict[str, Any] = {}
    if group_by is not None and group_by in GROUP_FIELDS:
        out[GROUP_FIELDS[group_by]] = row.group
    out["currency"] = cur
    if legacy:
        out.update(zip(DEFAULT_FIELDS, (format_minor(a, cur) for a in row.amounts), strict=True))
    out["buckets"] = [
        {
            "label": b.label,
            "from_days": b.from_days,
            "to_days": b.to_days,
            "amount": format_minor(a, cur),
        }
        for b, a in zip(buckets, row.amounts, strict=True)
    ]
    out["disputed"] = format_minor(row.disputed, cur)
    out["total"] = format_minor(row.total, cur)
    return out


def cursor_key(cursor: str | None) -> RowKey | None:
    """The (group, currency) a page starts after, from a cursor."""
    key = decode_json_cursor(cursor)
    if key is None:
        return None
    if not isinstance(key, list) or len(key) != 2:
        raise bad_cursor()
    group, currency = key
    if not (group is None or isinstance(group, str)) or not isinstance(currency, str):
        raise bad_cursor()
    return group, currency


def next_page(page: Sequence[AgingRow], limit: int) -> str | None:
    if len(page) < limit or not page:
        return None
    last = page[-1]
    return encode_cursor(json.dumps([last.group, last.currency]))


def report_head(
    as_of: date, known_at: datetime | None, basis: AgingBasis, group_by: GroupBy
) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "known_at": known_at.isoformat() if known_at else None,
        "basis": basis.value,
        "group_by": group_by.value,
        "convention": convention(basis, known_at),
    }
