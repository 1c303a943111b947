"""A monthly series of one KPI per currency, for charts: one point per month end counted back
from `to` (the same day each month, as the month-counting convention defines), oldest first."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_platform.web.deps import DbSession
from reporting_svc.api.kpi_inputs import cei_inputs, gather
from reporting_svc.api.kpi_parameters import (
    CURRENT,
    MONTHS,
    RECEIVABLES,
    ROUNDING,
    SALES,
    InvalidWindow,
    Kpi,
    Months,
    known_at_note,
)
from reporting_svc.api.parameters import CustomerFilter, KnownAt, ReportDate
from reporting_svc.api.routes import CanReadReports
from reporting_svc.projections.kpis.figures import cei, dso, two_places
from reporting_svc.projections.kpis.months import months_back, months_before

router = APIRouter(prefix="/v1/reports", tags=["kpis"])
MAX_POINTS = 24
NAMES = {Kpi.DSO: "dso_days", Kpi.ADD: "add_days", Kpi.CEI: "cei_percent",
         Kpi.OVERDUE_RATIO: "overdue_ratio_percent"}  # fmt: skip


async def _point(
    session: AsyncSession,
    kpi: Kpi,
    at: date,
    months: int,
    customer_id: str | None,
    known_at: datetime | None,
) -> dict[str, Decimal | None]:
    """The figure per currency at `at`."""
    if kpi is Kpi.CEI:
        before = months_before(at, 1)
        opening = await gather(session, before, [], customer_id, None, known_at)
        closing = await gather(session, at, [(before, at)], customer_id, None, known_at)
        currencies = {c for _, c in opening.group_keys()} | {c for _, c in closing.group_keys()}
        ceis: dict[str, Decimal | None] = {}
        for c in sorted(currencies):
            start, sales, end, end_current = cei_inputs(opening, closing, (None, c))
            ceis[c] = cei(start, Decimal(sales), end, end_current)
        return ceis
    spans = months_back(at, months)
    days = sum(m.days for m in spans)
    figures = await gather(session, at, [(spans[-1].after, at)], customer_id, None, known_at)
    out: dict[str, Decimal | None] = {}
    for key in figures.group_keys():
        owed, current = figures.receivables.get(key, 0), figures.current.get(key, 0)
        sales = figures.sales[0].get(key, 0)
        if kpi is Kpi.OVERDUE_RATIO:
            out[key[1]] = Decimal(owed - current) / owed * 100 if owed else None
            continue
        standard, best = dso(owed, sales, days), dso(current, sales, days)
        if kpi is Kpi.DSO:
            out[key[1]] = standard
        else:
            out[key[1]] = None if standard is None or best is None else standard - best
    return out


@router.get("/kpi-trend", summary="One KPI per currency at each month counted back from `to`")
async def get_kpi_trend(
    first: Annotated[ReportDate, Query(alias="from", description="Earliest point")],
    last: Annotated[ReportDate, Query(alias="to", description="Latest point")],
    kpi: Kpi,
    session: DbSession,
    _: CanReadReports,
    months: Months = 3,
    customer_id: CustomerFilter = None,
    known_at: KnownAt = None,
) -> dict[str, Any]:
    if first > last:
        raise InvalidWindow("from is after to", field="from")
    points = [months_before(last, k) for k in range(MAX_POINTS + 1)]
    points = [p for p in points if p >= first]
    if len(points) > MAX_POINTS:
        raise InvalidWindow(f"at most {MAX_POINTS} monthly points", field="from")
    series = []
    for at in reversed(points):
        figures = await _point(session, kpi, at, months, customer_id, known_at)
        series.append({"as_of": at.isoformat(), "rows": [
            {"currency": c, NAMES[kpi]: two_places(v)} for c, v in figures.items()
        ]})  # fmt: skip
    window = "the month ending at each point" if kpi is Kpi.CEI else f"{months} months"
    convention = {"kpi": kpi.value, "window": window, "receivables": RECEIVABLES,
                  "current": CURRENT, "credit_sales": SALES, "month_counting": MONTHS,
                  "overdue_ratio": "receivables past due / receivables x 100",
                  "known_at": known_at_note(known_at), "rounding": ROUNDING}  # fmt: skip
    known = None if known_at is None else known_at.isoformat()
    return {"from": first.isoformat(), "to": last.isoformat(), "known_at": known, "kpi": kpi.value,
            "months": months, "convention": convention, "points": series}  # fmt: skip
