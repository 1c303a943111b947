"""Exposure against credit limits, top risks and customer value: each figure beside its inputs
and the convention it follows. Without as_of, the day the request is handled."""

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ledgerflow_events.money import format_minor
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor
from reporting_svc.api.kpi_inputs import row_head
from reporting_svc.api.kpi_parameters import RECEIVABLES, ROUNDING, SALES
from reporting_svc.api.parameters import CustomerFilter, ReportDate
from reporting_svc.api.report_paging import RowsLimit, keyed_page
from reporting_svc.api.routes import CanReadReports
from reporting_svc.projections.aging.query import load_groups
from reporting_svc.projections.aging.rows import GroupBy
from reporting_svc.projections.credit.exposure import __doc__ as EXPOSURE
from reporting_svc.projections.credit.exposure import exposure, rank_by_value, top_risks
from reporting_svc.projections.credit.query import reserved_at, standings_at
from reporting_svc.projections.kpis.figures import two_places
from reporting_svc.projections.kpis.inputs import credit_sales
from reporting_svc.projections.kpis.months import months_back
from reporting_svc.projections.kpis.query import owed_at, sale_facts
from reporting_svc.projections.payment_behaviour.analysis import payment_behaviour
from reporting_svc.projections.payment_behaviour.query import load_settled_invoices

router = APIRouter(prefix="/v1/reports", tags=["credit"])
OptionalAsOf = Annotated[
    ReportDate | None, Query(description="The report date; today when left out")
]
NO_LIMIT = "no credit limit in force in this currency"
VALUE_MONTHS = 12


def _convention(**more: str) -> dict[str, str]:
    rules = " ".join((EXPOSURE or "").split())
    return {"definitions": rules, "receivables": RECEIVABLES, "rounding": ROUNDING, **more}


@router.get("/credit-exposure", summary="Exposure against credit limits, and who is on hold")
async def get_credit_exposure(
    session: DbSession,
    _: CanReadReports,
    now: Now,
    as_of: OptionalAsOf = None,
    group_by: GroupBy = GroupBy.CUSTOMER,
    customer_id: CustomerFilter = None,
    limit: RowsLimit = 500,
    cursor: Cursor = None,
) -> dict[str, Any]:
    day = as_of or now.date()
    reserved = await reserved_at(session, day)
    standings = await standings_at(session, day)
    if customer_id is not None:
        reserved = {k: v for k, v in reserved.items() if k[0] == customer_id}
        standings = {c: s for c, s in standings.items() if c == customer_id}
    # By customer, a page reads what its own customers owe: its range of keys is found among
    # the invoices. Reservations and limits are read whole; those of the range join its rows,
    # and a range holding more rows than the page ends the page early.
    page = await keyed_page(session, day, customer_id, group_by, cursor, limit)
    owed = await owed_at(session, day, customer_id, keys=page.keys)
    customers = {c for c, _ in owed} | {c for c, _ in reserved} | set(standings)
    groups = await load_groups(session, group_by, sorted(customers), day)
    lines = exposure({k: o.receivables for k, o in owed.items()}, reserved, standings, groups)
    if group_by is GroupBy.CUSTOMER:
        lines = {k: line for k, line in lines.items() if page.keys.holds(k)}
    rows = []
    for key, line in lines.items():
        cur = key[1]
        row = {
            **row_head(key, group_by),
            "credit_limit": None if line.limit is None else format_minor(line.limit, cur),
            "receivables": format_minor(line.receivables, cur),
            "reserved": format_minor(line.reserved, cur),
            "exposure": format_minor(line.exposure, cur),
            "utilisation_percent": two_places(line.utilisation),
            "customers": line.customers,
            "customers_on_hold": line.customers_on_hold,
            "on_hold": line.customers_on_hold > 0,
            "hold_reasons": sorted(line.hold_reasons),
        }
        if line.utilisation is None:
            row["null_reason"] = NO_LIMIT
        rows.append((key, row))
    return {"as_of": day.isoformat(), "group_by": group_by.value,
            "convention": _convention(), **page.rows(rows)}  # fmt: skip


@router.get("/top-risks", summary="Customers ranked by overdue amount, then weaker grade")
async def get_top_risks(
    session: DbSession,
    _: CanReadReports,
    now: Now,
    as_of: OptionalAsOf = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Customers per currency")] = 10,
) -> dict[str, Any]:
    day = as_of or now.date()
    owed = {k: (o.receivables, o.current) for k, o in (await owed_at(session, day, None)).items()}
    risks = top_risks(owed, await standings_at(session, day), limit)
    rows, rank = [], 0
    for i, r in enumerate(risks):
        rank = 1 if i == 0 or risks[i - 1].currency != r.currency else rank + 1
        rows.append({"rank": rank, "customer_id": r.customer_id, "currency": r.currency,
                     "overdue": format_minor(r.overdue, r.currency),
                     "receivables": format_minor(r.receivables, r.currency),
                     "grade": r.grade, "on_hold": r.on_hold})  # fmt: skip
    ranking = ("per currency: overdue (receivables past due at as_of) largest first, then the "
               "weaker grade (E first, never graded last), then customer id")  # fmt: skip
    return {"as_of": day.isoformat(), "limit": limit,
            "convention": _convention(ranking=ranking), "rows": rows}  # fmt: skip


@router.get("/customer-value", summary="Last 12 months' sales, days to pay and grade")
async def get_customer_value(
    session: DbSession,
    _: CanReadReports,
    now: Now,
    as_of: OptionalAsOf = None,
    customer_id: CustomerFilter = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Customers per currency")] = 100,
) -> dict[str, Any]:
    day = as_of or now.date()
    after = months_back(day, VALUE_MONTHS)[-1].after
    sales = credit_sales(await sale_facts(session, after, day, customer_id), after, day)
    settled = await load_settled_invoices(session, day, customer_id)
    paying = payment_behaviour(settled, after + timedelta(days=1), day, None)
    standings = await standings_at(session, day)
    keys = set(sales) | {(str(g), c) for g, c in paying}
    ranked = rank_by_value((k, sales.get(k, 0)) for k in keys)
    rows, per_currency = [], dict[str, int]()
    for (customer, cur), amount in ranked:
        per_currency[cur] = per_currency.get(cur, 0) + 1
        if per_currency[cur] > limit:
            continue
        behaviour = paying.get((customer, cur))
        standing = standings.get(customer)
        rows.append({"customer_id": customer, "currency": cur,
                     "sales_12_months": format_minor(amount, cur),
                     "invoices_paid": behaviour.invoices_paid if behaviour else 0,
                     "average_days_to_pay": two_places(behaviour.average_days_to_pay)
                     if behaviour else None,
                     "grade": standing.grade if standing else None})  # fmt: skip
    return {"as_of": day.isoformat(), "window": _window(after, day),
            "convention": _convention(
                credit_sales=SALES, average_days_to_pay="paid date less issue date, averaged "
                "over invoices paid in the window (paid: settlements reach the total)",
                ranking="per currency, largest sales first, then customer id")
            , "rows": rows}  # fmt: skip


def _window(after: date, through: date) -> dict[str, str]:
    return {"from": (after + timedelta(days=1)).isoformat(), "to": through.isoformat()}
