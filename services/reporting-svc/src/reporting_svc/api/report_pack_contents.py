"""What a report pack holds at its period's end: aging by bucket, DSO and CEI with their
monthly trend, the top overdue customers, and the reconciliation with the ledger."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from reporting_svc.api.kpi_inputs import cei_inputs, gather
from reporting_svc.projections.aging.buckets import DEFAULT_EDGES, AgingBucket, buckets_for
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.query import load_open_invoices
from reporting_svc.projections.aging.rows import AgingResult, age_invoices
from reporting_svc.projections.credit.exposure import Risk, top_risks
from reporting_svc.projections.credit.query import customer_names, standings_at
from reporting_svc.projections.kpis.figures import cei, dso
from reporting_svc.projections.kpis.months import months_back, months_before

TREND_POINTS = 12
TOP = 10
DSO_MONTHS = 3


@dataclass(frozen=True)
class KpiPoint:
    at: date
    dso_days: dict[str, Decimal | None]
    cei_percent: dict[str, Decimal | None]


@dataclass(frozen=True)
class PackContents:
    period: str
    first: date
    last: date
    buckets: tuple[AgingBucket, ...]
    aging: AgingResult
    trend: list[KpiPoint]
    top: list[Risk]
    # The registered names of the top customers, as printed beside their ids.
    names: dict[str, str]


async def kpis_at(session: AsyncSession, at: date, since: date) -> KpiPoint:
    """3-month standard DSO at `at`, and CEI over [since, at], per currency."""
    spans = months_back(at, DSO_MONTHS)
    days = sum(m.days for m in spans)
    closing = await gather(
        session, at, [(spans[-1].after, at), (since - timedelta(days=1), at)], None, None
    )
    opening = await gather(session, since - timedelta(days=1), [], None, None)
    currencies = sorted({c for _, c in closing.group_keys()} | {c for _, c in opening.group_keys()})
    dsos, ceis = {}, {}
    for c in currencies:
        dsos[c] = dso(
            closing.receivables.get((None, c), 0), closing.sales[0].get((None, c), 0), days
        )
        start, sales, end, end_current = cei_inputs(opening, closing, (None, c), window=1)
        ceis[c] = cei(start, Decimal(sales), end, end_current)
    return KpiPoint(at, dsos, ceis)


async def pack_contents(
    session: AsyncSession, period: str, first: date, last: date
) -> PackContents:
    spans = buckets_for(DEFAULT_EDGES)
    invoices = await load_open_invoices(session, last, None, None)
    aging = age_invoices(invoices, last, spans, AgingBasis.DUE_DATE, None)
    trend = []
    for k in reversed(range(TREND_POINTS)):
        at = months_before(last, k)
        trend.append(await kpis_at(session, at, months_before(at, 1) + timedelta(days=1)))
    # Per customer: receivables and the current bucket, which is what is not past due.
    aged = {(r.group or "", r.currency): (r.total, r.amounts[0]) for r in aging.rows}
    top = top_risks(aged, await standings_at(session, last), TOP)
    names = await customer_names(session, {r.customer_id for r in top})
    return PackContents(period, first, last, spans, aging, trend, top, names)
