"""A report pack printed: the workbook's reports on A4 in the house style (the platform's
document layout: letterhead, the font that prints Chinese names as written), each table with
its chart drawn by ReportLab: aging by bucket as bars, DSO and CEI as lines, the top overdue
customers as bars. Charts are fed whole minor units and hundredths, never floats."""

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from ledgerflow_events.money import format_minor
from ledgerflow_platform.documents.layout import CONTENT_WIDTH, Document
from ledgerflow_platform.documents.letterhead import Letterhead
from ledgerflow_platform.documents.money import with_thousands
from reporting_svc.api.report_pack_contents import PackContents
from reporting_svc.api.report_pack_xlsx import reconciliation
from reporting_svc.projections.kpis.figures import HUNDREDTH

SERIES_COLOURS = (
    colors.Color(0.16, 0.38, 0.62),
    colors.Color(0.85, 0.45, 0.13),
    colors.Color(0.3, 0.6, 0.3),
    colors.Color(0.6, 0.3, 0.6),
)
CHART_HEIGHT = int(62 * mm)
WIDTH = int(CONTENT_WIDTH)


def _amount(minor: int, currency: str) -> str:
    return with_thousands(format_minor(minor, currency))


def _two(value: Decimal | None) -> str:
    return "-" if value is None else str(value.quantize(HUNDREDTH))


def _hundredths(value: Decimal | None) -> int | None:
    return None if value is None else int((value / HUNDREDTH).to_integral_value())


def _drawing(font: str, title: str) -> Drawing:
    drawing = Drawing(WIDTH, CHART_HEIGHT)
    drawing.add(String(0, CHART_HEIGHT - 10, title, fontName=font, fontSize=9))
    return drawing


def _axis_labels(
    chart: VerticalBarChart | HorizontalBarChart | HorizontalLineChart,
    font: str,
    ticks: Callable[[float], str],
) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = ticks
    chart.valueAxis.forceZero = True


def _minor_ticks(currency: str) -> Callable[[float], str]:
    # Tick positions are the axis's own choice; they are labelled as whole minor units.
    return lambda tick: with_thousands(format_minor(round(tick), currency))


def aging_chart(pack: PackContents, font: str, currency: str) -> Drawing:
    total = next(t for t in pack.aging.totals if t.currency == currency)
    drawing = _drawing(font, f"Receivables by aging bucket ({currency})")
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 60, 20, WIDTH - 80, CHART_HEIGHT - 40
    chart.data = [list(total.amounts)]
    chart.categoryAxis.categoryNames = [b.label for b in pack.buckets]
    chart.bars[0].fillColor = SERIES_COLOURS[0]
    _axis_labels(chart, font, _minor_ticks(currency))
    drawing.add(chart)
    return drawing


def trend_chart(pack: PackContents, font: str, currencies: Sequence[str]) -> Drawing:
    drawing = _drawing(font, "DSO (days) and CEI (%) by month")
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 40, 20, WIDTH - 150, CHART_HEIGHT - 40
    names: list[str] = []
    for figure, values in (("DSO", "dso_days"), ("CEI", "cei_percent")):
        for c in currencies:
            names.append(f"{figure} {c}")
            chart.data.append([_hundredths(getattr(p, values).get(c)) for p in pack.trend])
    chart.categoryAxis.categoryNames = [p.at.strftime("%Y-%m") for p in pack.trend]
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    _axis_labels(chart, font, lambda tick: str(Decimal(round(tick)) * HUNDREDTH))
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = (
        WIDTH - 100,
        CHART_HEIGHT - 30,
        font,
        7,
    )
    for n in range(len(names)):
        chart.lines[n].strokeColor = SERIES_COLOURS[n % len(SERIES_COLOURS)]
    legend.colorNamePairs = [
        (SERIES_COLOURS[n % len(SERIES_COLOURS)], name) for n, name in enumerate(names)
    ]
    drawing.add(chart)
    drawing.add(legend)
    return drawing


def top_chart(pack: PackContents, font: str, currency: str) -> Drawing:
    risks = [r for r in pack.top if r.currency == currency]
    drawing = _drawing(font, f"Top overdue customers ({currency})")
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 150, 20, WIDTH - 170, CHART_HEIGHT - 40
    # The largest at the top: a horizontal chart draws its first category at the bottom.
    chart.data = [[r.overdue for r in reversed(risks)]]
    chart.categoryAxis.categoryNames = [
        pack.names.get(r.customer_id) or r.customer_id for r in reversed(risks)
    ]
    chart.bars[0].fillColor = SERIES_COLOURS[1]
    _axis_labels(chart, font, _minor_ticks(currency))
    drawing.add(chart)
    return drawing


def pack_pdf(
    pack: PackContents, ledger: Mapping[str, int], letterhead: Letterhead, font_file: Path | None
) -> bytes:
    doc = Document(f"Report pack {pack.period}", letterhead, font_file=font_file)
    font = doc.styles.font
    doc.paragraph(f"Period {pack.first} to {pack.last}; receivables as they stood on {pack.last}.")
    labels = [b.label for b in pack.buckets]
    doc.table(
        ("Currency", *labels, "Disputed", "Total"),
        [
            (t.currency, *(_amount(a, t.currency) for a in (*t.amounts, t.disputed, t.total)))
            for t in pack.aging.totals
        ],
        widths_mm=(18, *(22,) * len(labels), 22, 24),
        numeric=range(1, len(labels) + 3),
        caption=f"Aging at {pack.last}",
    )
    for t in pack.aging.totals:
        doc.add(aging_chart(pack, font, t.currency))

    currencies = sorted({c for p in pack.trend for c in p.dso_days})
    doc.table(
        ("As of", *(f"DSO {c}" for c in currencies), *(f"CEI {c} %" for c in currencies)),
        [
            (
                str(p.at),
                *(_two(p.dso_days.get(c)) for c in currencies),
                *(_two(p.cei_percent.get(c)) for c in currencies),
            )
            for p in pack.trend
        ],
        widths_mm=(28, *(24,) * (2 * len(currencies))),
        numeric=range(1, 1 + 2 * len(currencies)),
        caption="DSO (3 months, standard) and CEI (the month) at each month's end",
    )
    if currencies:
        doc.add(trend_chart(pack, font, currencies))

    doc.table(
        ("Customer", "Customer id", "Currency", "Overdue", "Receivables", "Grade", "On hold"),
        [
            (
                pack.names.get(r.customer_id) or "-",
                r.customer_id,
                r.currency,
                _amount(r.overdue, r.currency),
                _amount(r.receivables, r.currency),
                r.grade or "-",
                "yes" if r.on_hold else "no",
            )
            for r in pack.top
        ],
        widths_mm=(40, 34, 16, 24, 24, 14, 16),
        numeric=(3, 4),
        caption="Top overdue customers",
    )
    for currency in sorted({r.currency for r in pack.top}):
        doc.add(top_chart(pack, font, currency))

    doc.table(
        ("Currency", "Ledger receivable balance", "Pack total", "Difference", "Equal"),
        [
            (
                c,
                _amount(booked, c),
                _amount(reported, c),
                _amount(booked - reported, c),
                "yes" if booked == reported else "no",
            )
            for c, booked, reported in reconciliation(pack, ledger)
        ],
        widths_mm=(20, 44, 36, 36, 18),
        numeric=(1, 2, 3),
        caption="Reconciliation with the ledger's journal",
        keep_together=True,
    )
    return doc.render()
