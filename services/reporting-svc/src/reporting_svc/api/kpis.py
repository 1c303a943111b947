"""DSO, ADD and CEI: each figure beside the inputs it used and the convention it follows."""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ledgerflow_events.money import format_minor
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor
from reporting_svc.api.kpi_inputs import cei_inputs, gather, month_heads, month_out, row_head
from reporting_svc.api.kpi_parameters import (
    CURRENT,
    MONTHS,
    RECEIVABLES,
    ROUNDING,
    SALES,
    DsoMethod,
    InvalidWindow,
    Months,
    SalesBasis,
    known_at_note,
)
from reporting_svc.api.parameters import AsOf, CustomerFilter, KnownAt, ReportDate
from reporting_svc.api.report_paging import RowsLimit, keyed_page
from reporting_svc.api.routes import CanReadReports
from reporting_svc.projections.aging.rows import GroupBy
from reporting_svc.projections.kpis.figures import COUNTBACK_CAP, cei, countback, dso, two_places
from reporting_svc.projections.kpis.months import months_back, whole_months

router = APIRouter(prefix="/v1/reports", tags=["kpis"])
NO_SALES = "no credit sales in the window"
ADD_RULE = "standard DSO less best possible DSO, subtracted before rounding"
CEI_RULE = (
    "(opening + sales - closing) / (opening + sales - closing current) x 100; opening balances "
    "brought in at a cut-over in the window count in opening, at what they owed that day"
)


def _iso(known_at: datetime | None) -> str | None:
    return None if known_at is None else known_at.isoformat()


def _convention(method: str, months: str, known_at: object, **more: str) -> dict[str, str]:
    return {
        "method": method,
        "months": months,
        "known_at": known_at_note(known_at),
        "receivables": RECEIVABLES,
        "current": CURRENT,
        "credit_sales": SALES,
        "month_counting": MONTHS,
        "rounding": ROUNDING,
        **more,
    }


@router.get("/dso", summary="Days sales outstanding with its inputs and convention")
async def get_dso(
    as_of: AsOf,
    session: DbSession,
    _: CanReadReports,
    months: Months = 3,
    method: DsoMethod = DsoMethod.STANDARD,
    group_by: GroupBy | None = None,
    customer_id: CustomerFilter = None,
    known_at: KnownAt = None,
    limit: RowsLimit = 500,
    cursor: Cursor = None,
) -> dict[str, Any]:
    page = await keyed_page(session, as_of, customer_id, group_by, cursor, limit)
    counted = COUNTBACK_CAP if method is DsoMethod.COUNTBACK else months
    spans = months_back(as_of, counted)
    windows = [(m.after, m.through) for m in spans] + [(spans[months - 1].after, as_of)]
    figures = await gather(session, as_of, windows, customer_id, group_by, known_at, page.keys)
    heads = month_heads(spans)
    rows = []
    for key in figures.group_keys():
        cur = key[1]
        per_month = [figures.sales[i].get(key, 0) for i in range(counted)]
        owed, current = figures.receivables.get(key, 0), figures.current.get(key, 0)
        row = {**row_head(key, group_by), "receivables": format_minor(owed, cur)}
        if method is DsoMethod.COUNTBACK:
            walk = countback(owed, per_month, [m.days for m in spans])
            row |= {
                "dso_days": two_places(walk.days),
                "cap_reached": walk.cap_reached,
                "months": [month_out(heads[i], per_month[i], cur) for i in range(walk.months_used)],
            }
        else:
            sales = figures.sales[-1].get(key, 0)
            days = sum(m.days for m in spans[:months])
            best = method is DsoMethod.BEST_POSSIBLE
            figure = dso(current if best else owed, sales, days)
            name = "best_possible_dso_days" if best else "dso_days"
            row |= {
                name: two_places(figure),
                "current_receivables": format_minor(current, cur),
                "credit_sales": format_minor(sales, cur),
                "days": days,
                "months": [month_out(heads[i], per_month[i], cur) for i in range(months)],
            }
            if figure is None:
                row["null_reason"] = NO_SALES
        rows.append((key, row))
    months_text = str(months)
    if method is DsoMethod.COUNTBACK:
        months_text = "up to 24, while receivables remain"
    return {
        "as_of": as_of.isoformat(),
        "known_at": _iso(known_at),
        "method": method.value,
        "months": months,
        "convention": _convention(method.value, months_text, known_at),
        **page.rows(rows),
    }


@router.get("/add", summary="Average days delinquent: standard less best possible DSO")
async def get_add(
    as_of: AsOf,
    session: DbSession,
    _: CanReadReports,
    months: Months = 3,
    group_by: GroupBy | None = None,
    customer_id: CustomerFilter = None,
    known_at: KnownAt = None,
    limit: RowsLimit = 500,
    cursor: Cursor = None,
) -> dict[str, Any]:
    page = await keyed_page(session, as_of, customer_id, group_by, cursor, limit)
    spans = months_back(as_of, months)
    window = [(spans[-1].after, as_of)]
    figures = await gather(session, as_of, window, customer_id, group_by, known_at, page.keys)
    days = sum(m.days for m in spans)
    rows = []
    for key in figures.group_keys():
        cur = key[1]
        owed, current = figures.receivables.get(key, 0), figures.current.get(key, 0)
        sales = figures.sales[0].get(key, 0)
        standard, best = dso(owed, sales, days), dso(current, sales, days)
        # Subtracted before rounding.
        add = None if standard is None or best is None else standard - best
        row = {
            **row_head(key, group_by),
            "add_days": two_places(add),
            "dso_days": two_places(standard),
            "best_possible_dso_days": two_places(best),
            "receivables": format_minor(owed, cur),
            "current_receivables": format_minor(current, cur),
            "credit_sales": format_minor(sales, cur),
            "days": days,
        }
        if add is None:
            row["null_reason"] = NO_SALES
        rows.append((key, row))
    return {
        "as_of": as_of.isoformat(),
        "known_at": _iso(known_at),
        "months": months,
        "convention": _convention("add", str(months), known_at, add=ADD_RULE),
        **page.rows(rows),
    }


From = Annotated[ReportDate, Query(alias="from", description="First day of the window")]
To = Annotated[ReportDate, Query(alias="to", description="Last day of the window")]


@router.get("/cei", summary="Collection effectiveness index over a window")
async def get_cei(
    first: From,
    last: To,
    session: DbSession,
    _: CanReadReports,
    sales_basis: SalesBasis = SalesBasis.TOTAL,
    group_by: GroupBy | None = None,
    customer_id: CustomerFilter = None,
    known_at: KnownAt = None,
    limit: RowsLimit = 500,
    cursor: Cursor = None,
) -> dict[str, Any]:
    if first > last:
        raise InvalidWindow("from is after to", field="from")
    if (last - first).days > 731:
        raise InvalidWindow("the window is at most two years", field="from")
    whole = whole_months(first, last, 24)
    if sales_basis is SalesBasis.MONTHLY_AVERAGE and whole is None:
        raise InvalidWindow(
            "monthly_average needs whole months counted back from to", field="sales_basis"
        )
    page = await keyed_page(session, last, customer_id, group_by, cursor, limit)
    before = first - timedelta(days=1)
    opening = await gather(session, before, [], customer_id, group_by, known_at, page.keys)
    closing = await gather(
        session, last, [(before, last)], customer_id, group_by, known_at, page.keys
    )
    rows = []
    for key in set(opening.group_keys()) | set(closing.group_keys()):
        cur = key[1]
        start, sales, end, end_current = cei_inputs(opening, closing, key)
        counted = Decimal(sales)
        if sales_basis is SalesBasis.MONTHLY_AVERAGE:
            counted /= whole or 1
        figure = cei(start, counted, end, end_current)
        row = {
            **row_head(key, group_by),
            "cei_percent": two_places(figure),
            "opening_receivables": format_minor(start, cur),
            "credit_sales": format_minor(sales, cur),
            "closing_receivables": format_minor(end, cur),
            "closing_current_receivables": format_minor(end_current, cur),
        }
        if whole is not None:
            row["months"] = whole
        if figure is None:
            row["null_reason"] = "the denominator is zero"
        rows.append((key, row))
    basis = "credit sales in the window"
    if sales_basis is SalesBasis.MONTHLY_AVERAGE:
        basis += " divided by its months"
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "known_at": _iso(known_at),
        "sales_basis": sales_basis.value,
        "convention": _convention(
            "cei", f"{first} to {last}", known_at, sales_basis=basis, formula=CEI_RULE
        ),
        **page.rows(rows),
    }
