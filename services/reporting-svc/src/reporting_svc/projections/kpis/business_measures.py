"""The business figures the worker exports as gauges: receivables by default bucket, 3-month
standard DSO and last month's CEI, per currency, at a business date."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from reporting_svc.projections.aging.buckets import DEFAULT_EDGES, buckets_for
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.query import load_open_invoices
from reporting_svc.projections.aging.rows import age_invoices
from reporting_svc.projections.kpis.figures import cei, dso
from reporting_svc.projections.kpis.inputs import brought_in, credit_sales, owed_by_customer
from reporting_svc.projections.kpis.months import months_back
from reporting_svc.projections.kpis.query import sale_facts

GAUGE_BUCKETS = ("current", "1_30", "31_60", "61_90", "over_90")
DSO_MONTHS = 3


@dataclass(frozen=True)
class CurrencyMeasures:
    buckets: dict[str, int]  # minor units by gauge bucket label
    dso_days: Decimal | None
    cei_percent: Decimal | None


def _per_currency(values: dict[tuple[str, str], int]) -> dict[str, int]:
    sums: dict[str, int] = {}
    for (_, currency), value in values.items():
        sums[currency] = sums.get(currency, 0) + value
    return sums


async def measure(session: AsyncSession, today: date) -> dict[str, CurrencyMeasures]:
    spans = months_back(today, DSO_MONTHS)
    open_now = await load_open_invoices(session, today, None, None)
    aged = age_invoices(open_now, today, buckets_for(DEFAULT_EDGES), AgingBasis.DUE_DATE, {})
    owed = {t.currency: dict(zip(GAUGE_BUCKETS, t.amounts, strict=True)) for t in aged.totals}
    facts = await sale_facts(session, spans[-1].after, today, None)
    window_sales = _per_currency(credit_sales(facts, spans[-1].after, today))
    month_sales = _per_currency(credit_sales(facts, spans[0].after, today))
    # Opening balances brought in during the month owed from its start, as it were.
    month_brought_in = _per_currency(brought_in(facts, spans[0].after, today))
    opening = owed_by_customer(
        await load_open_invoices(session, spans[0].after, None, None), spans[0].after
    )
    opening_owed = _per_currency({k: o.receivables for k, o in opening.items()})
    currencies = sorted(set(owed) | set(window_sales) | set(opening_owed))
    days = sum(m.days for m in spans)
    out = {}
    for c in currencies:
        buckets = owed.get(c, dict.fromkeys(GAUGE_BUCKETS, 0))
        receivables = sum(buckets.values())
        out[c] = CurrencyMeasures(
            buckets,
            dso(receivables, window_sales.get(c, 0), days),
            cei(
                opening_owed.get(c, 0) + month_brought_in.get(c, 0),
                Decimal(month_sales.get(c, 0)),
                receivables,
                buckets["current"],
            ),
        )
    return out
