"""The credit report printed: the JSON report's sections on A4, in a font with CJK glyphs so
Chinese (and other) names print as written."""

from pathlib import Path

from fpdf import FPDF

from credit_svc.api.report_schemas import CreditReportOut

LABEL_WIDTH = 60


def render_pdf(report: CreditReportOut, font: Path) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(f"Credit report {report.customer_id}")
    pdf.add_font("report", fname=str(font))
    pdf.add_page()
    pdf.set_font("report", size=14)
    pdf.cell(
        0, 9, f"Credit report: {report.name or report.customer_id}", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("report", size=9)
    pdf.cell(
        0,
        6,
        f"Customer {report.customer_id}, generated {report.generated_at:%Y-%m-%d %H:%M} UTC",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    p = report.profile
    _section(pdf, "Profile and exposure")
    for label, value in (
        ("Grade", p.grade or "ungraded"),
        ("Credit limit", _money(p.credit_limit, p.currency)),
        ("Open receivables", _money(p.open_receivables, p.currency)),
        ("Overdue", _money(p.overdue_amount, p.currency)),
        ("Reserved for orders", _money(p.reserved, p.currency)),
        ("Exposure", _money(p.exposure, p.currency)),
        ("Available", _money(p.available, p.currency)),
        ("Utilisation", "-" if p.utilisation_percent is None else f"{p.utilisation_percent}%"),
        ("On hold", ", ".join(h.reason for h in p.holds) or "no"),
        ("Terms", f"{p.terms_days} days, prepayment {p.prepayment_percent}%"),
        ("Next review", str(p.next_review_on or "-")),
    ):
        _row(pdf, label, value)
    _section(pdf, "Limit history")
    for limit in report.limit_history:
        _row(
            pdf,
            f"{limit.requested_at:%Y-%m-%d} {limit.status}",
            f"{limit.amount} {limit.currency}: {limit.reason}",
        )
    if report.latest_statement is not None:
        s = report.latest_statement
        _section(pdf, f"Ratios (statement to {s.period_end})")
        for label, value in s.ratios.model_dump().items():
            _row(pdf, label.replace("_", " "), str(value if value is not None else "-"))
    if report.latest_assessment is not None:
        a = report.latest_assessment
        _section(pdf, f"Score {a.score}, grade {a.grade} (policy {a.policy_version}, {a.as_of})")
        for i in a.inputs:
            _row(
                pdf,
                i.input.replace("_", " "),
                f"{i.value or '-'}: band {i.band or '-'}, "
                f"{i.points} points x {i.weight}% = {i.contribution}",
            )
    _section(pdf, "Inputs today")
    for found in report.inputs:
        _row(
            pdf,
            found.input.replace("_", " "),
            f"{found.value or '-'} ({found.source}, {found.as_of or '-'})",
        )
    _section(pdf, "Warnings")
    for w in report.warnings:
        _row(
            pdf,
            f"{w.raised_on} {w.kind}",
            f"{w.detail} {'cleared ' + str(w.cleared_on) if w.cleared_on else ''}",
        )
    return bytes(pdf.output())


def _money(amount: str | None, currency: str) -> str:
    return "-" if amount is None else f"{amount} {currency}"


def _section(pdf: FPDF, title: str) -> None:
    pdf.ln(3)
    pdf.set_font("report", size=11)
    pdf.cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("report", size=9)


def _row(pdf: FPDF, label: str, value: str) -> None:
    pdf.cell(LABEL_WIDTH, 5, label)
    pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
