"""GET /v1/reports/cash-forecast: expected receipts per week from open items, promises and
plans; for weeks already past, the forecast made then against what was collected."""

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ledgerflow_events.money import format_minor
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor
from reporting_svc.api.kpi_inputs import row_head
from reporting_svc.api.parameters import CustomerFilter, ReportDate
from reporting_svc.api.report_paging import RowsLimit, group_page
from reporting_svc.api.routes import CanReadReports
from reporting_svc.projections.aging.query import load_groups
from reporting_svc.projections.aging.rows import GroupBy
from reporting_svc.projections.credit.query import day_end
from reporting_svc.projections.forecast.cash_in import __doc__ as RULES
from reporting_svc.projections.forecast.cash_in import forecast
from reporting_svc.projections.forecast.query import (
    collected,
    days_beyond_terms,
    open_items,
    plans_running,
    promises_open,
)

router = APIRouter(prefix="/v1/reports", tags=["cash forecast"])
Sums = dict[tuple[str | None, str], list[int]]


def _add(into: Sums, keys: Sequence[str | None], currency: str, slot: int, amount: int,
         size: int) -> None:  # fmt: skip
    for group in keys:
        into.setdefault((group, currency), [0] * size)[slot] += amount


@router.get("/cash-forecast", summary="Expected cash-in per week; past weeks against collected")
async def get_cash_forecast(
    first: Annotated[ReportDate, Query(alias="from", description="First day of week 1")],
    session: DbSession,
    _: CanReadReports,
    now: Now,
    weeks: Annotated[int, Query(ge=1, le=52, description="Weeks forecast")] = 13,
    group_by: GroupBy = GroupBy.CURRENCY,
    customer_id: CustomerFilter = None,
    limit: RowsLimit = 500,
    cursor: Cursor = None,
) -> dict[str, Any]:
    page = group_page(cursor, limit)
    today = now.date()
    made_on = first - timedelta(days=1)
    # A forecast made in the past is made from the facts recorded by the end of that day.
    known_at = day_end(made_on) if made_on < today else None
    items = await open_items(session, made_on, known_at)
    promises = await promises_open(session, made_on, known_at)
    plans = await plans_running(session, made_on, known_at)
    if customer_id is not None:
        items = [i for i in items if i.customer_id == customer_id]
        promises = [p for p in promises if p.customer_id == customer_id]
        plans = [p for p in plans if p.customer_id == customer_id]
    expected, disputed = forecast(made_on, items, promises, plans,
                                  await days_beyond_terms(session, made_on))  # fmt: skip
    last = first + timedelta(days=7 * weeks - 1)
    cash = [c for c in await collected(session, first, min(last, today - timedelta(days=1)))
            if customer_id is None or c[0] == customer_id]  # fmt: skip
    customers = {e.customer_id for e in expected} | {c for c, _ in disputed} | {c[0] for c in cash}
    groups = await load_groups(session, group_by, sorted(customers), made_on)

    def keys_of(customer: str) -> list[str | None]:
        found = [customer] if groups is None else groups.get(customer)
        return list(found or [None])

    size = weeks + 2  # the weeks, then later, then disputed
    plan: Sums = {}
    for e in expected:
        slot = min((e.on - first).days // 7, weeks)
        _add(plan, keys_of(e.customer_id), e.currency, slot, e.amount, size)
    for (customer, currency), amount in disputed.items():
        _add(plan, keys_of(customer), currency, weeks + 1, amount, size)
    actual: Sums = {}
    for customer, currency, day, amount in cash:
        _add(actual, keys_of(customer), currency, (day - first).days // 7, amount, size)
    empty = [0] * size
    rows = [
        (key, _row(key, group_by, (plan.get(key, empty), actual.get(key, empty)), first, weeks,
                   today))
        for key in set(plan) | set(actual)
    ]  # fmt: skip
    return {"from": first.isoformat(), "weeks": weeks, "made_on": made_on.isoformat(),
            "known_at": None if known_at is None else known_at.isoformat(),
            "group_by": group_by.value, "convention": _convention(),
            **page.rows(rows)}  # fmt: skip


def _row(
    key: tuple[str | None, str],
    group_by: GroupBy,
    sums: tuple[Sequence[int], Sequence[int]],
    first: date,
    weeks: int,
    today: date,
) -> dict[str, Any]:
    plan, actual = sums
    cur = key[1]
    out = []
    for k in range(weeks):
        start = first + timedelta(days=7 * k)
        end = start + timedelta(days=6)
        week: dict[str, Any] = {"week": k + 1, "from": start.isoformat(), "to": end.isoformat(),
                                "expected": format_minor(plan[k], cur)}  # fmt: skip
        if end < today:
            week["collected"] = format_minor(actual[k], cur)
            week["error"] = format_minor(actual[k] - plan[k], cur)
        out.append(week)
    return {**row_head(key, group_by), "weeks": out, "later": format_minor(plan[weeks], cur),
            "disputed": format_minor(plan[weeks + 1], cur)}  # fmt: skip


def _convention() -> Mapping[str, str]:
    return {
        "expected": " ".join((RULES or "").split()),
        "weeks": "week 1 is [from, from + 6]; the forecast is made at the end of from - 1",
        "known_at": "a forecast made before today uses only facts recorded by the end of its "
        "day; days beyond terms are taken from invoices paid in the 12 months to it",
        "collected": "cash applied to invoices, by received date, in weeks already over",
        "error": "collected less expected",
        "rounding": "amounts at the currency's scale",
    }
