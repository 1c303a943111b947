"""A report pack as one workbook: a sheet per report, each with a native Excel chart (aging by
bucket as bars, DSO and CEI as lines, top overdue customers as bars), and the reconciliation
with the ledger. Amounts are typed numbers at the currency's scale."""

import io
from collections.abc import Mapping
from decimal import Decimal
from typing import cast

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from ledgerflow_events.money import format_minor
from reporting_svc.api.aging_export import safe_text
from reporting_svc.api.report_pack_contents import PackContents
from reporting_svc.projections.kpis.figures import HUNDREDTH


def _money(amount: int, currency: str) -> Decimal:
    return Decimal(format_minor(amount, currency))


def _two(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(HUNDREDTH)


def reconciliation(pack: PackContents, ledger: Mapping[str, int]) -> list[tuple[str, int, int]]:
    """(currency, ledger receivable balance, pack total) for every currency either shows."""
    totals = {t.currency: t.total for t in pack.aging.totals}
    return [(c, ledger.get(c, 0), totals.get(c, 0)) for c in sorted(set(totals) | set(ledger))]


def pack_xlsx(pack: PackContents, ledger: Mapping[str, int]) -> bytes:
    book = Workbook()
    aging = cast(Worksheet, book.active)
    aging.title = "Aging"
    aging.append(["period", pack.period, "as_of", pack.last])
    aging.append(["currency", *(b.label for b in pack.buckets), "disputed", "total"])
    for t in pack.aging.totals:
        aging.append(
            [
                t.currency,
                *(_money(a, t.currency) for a in t.amounts),
                _money(t.disputed, t.currency),
                _money(t.total, t.currency),
            ]
        )
    if pack.aging.totals:
        chart = BarChart()
        chart.title = "Receivables by aging bucket"
        rows = len(pack.aging.totals)
        # One series per currency (its name in column A), one bar per bucket.
        data = Reference(
            aging, min_col=1, max_col=1 + len(pack.buckets), min_row=3, max_row=2 + rows
        )
        chart.add_data(data, from_rows=True, titles_from_data=True)
        chart.set_categories(Reference(aging, min_col=2, max_col=1 + len(pack.buckets), min_row=2))
        aging.add_chart(chart, f"A{rows + 5}")

    kpis = cast(Worksheet, book.create_sheet("DSO and CEI"))
    currencies = sorted({c for p in pack.trend for c in p.dso_days})
    kpis.append(["as_of", *(f"DSO {c}" for c in currencies), *(f"CEI {c}" for c in currencies)])
    for point in pack.trend:
        kpis.append(
            [
                point.at,
                *(_two(point.dso_days.get(c)) for c in currencies),
                *(_two(point.cei_percent.get(c)) for c in currencies),
            ]
        )
    if currencies:
        lines = LineChart()
        lines.title = "DSO (days) and CEI (%) by month"
        lines.add_data(
            Reference(
                kpis,
                min_col=2,
                max_col=1 + 2 * len(currencies),
                min_row=1,
                max_row=1 + len(pack.trend),
            ),
            titles_from_data=True,
        )
        lines.set_categories(Reference(kpis, min_col=1, min_row=2, max_row=1 + len(pack.trend)))
        kpis.add_chart(lines, "H2")

    top = cast(Worksheet, book.create_sheet("Top overdue"))
    top.append(["customer_id", "currency", "overdue", "receivables", "grade", "on_hold", "name"])
    for r in pack.top:
        top.append(
            [
                safe_text(r.customer_id),
                r.currency,
                _money(r.overdue, r.currency),
                _money(r.receivables, r.currency),
                r.grade,
                r.on_hold,
                safe_text(pack.names.get(r.customer_id)),
            ]
        )
    if pack.top:
        bars = BarChart()
        bars.type = "bar"
        bars.title = "Top overdue customers"
        bars.add_data(
            Reference(top, min_col=3, min_row=1, max_row=1 + len(pack.top)), titles_from_data=True
        )
        bars.set_categories(Reference(top, min_col=1, min_row=2, max_row=1 + len(pack.top)))
        top.add_chart(bars, "H2")

    recon = cast(Worksheet, book.create_sheet("Reconciliation"))
    recon.append(["currency", "ledger_receivable_balance", "pack_total", "difference", "equal"])
    for cur, booked, reported in reconciliation(pack, ledger):
        recon.append(
            [
                cur,
                _money(booked, cur),
                _money(reported, cur),
                _money(booked - reported, cur),
                booked == reported,
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
