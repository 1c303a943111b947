"""The credit report printed in the house style (the platform's document layout: letterhead,
a font that prints Chinese names as written): the JSON report's sections on A4."""

from pathlib import Path

from credit_svc.api.report_schemas import CreditReportOut
from ledgerflow_platform.documents.layout import Document
from ledgerflow_platform.documents.letterhead import Letterhead


def render_pdf(report: CreditReportOut, letterhead: Letterhead, font_file: Path | None) -> bytes:
    doc = Document(
        f"Credit report: {report.name or report.customer_id}", letterhead, font_file=font_file
    )
    p, currency = report.profile, report.profile.currency
    doc.paragraph(
        f"Customer {report.customer_id}, generated {report.generated_at:%Y-%m-%d %H:%M} UTC"
    )
    doc.heading("Profile and exposure")
    doc.fields(
        [
            ("Grade", p.grade or "ungraded"),
            ("Credit limit", _money(p.credit_limit, currency)),
            ("Open receivables", _money(p.open_receivables, currency)),
            ("Overdue", _money(p.overdue_amount, currency)),
            ("Reserved for orders", _money(p.reserved, currency)),
            ("Exposure", _money(p.exposure, currency)),
            ("Available", _money(p.available, currency)),
            ("Utilisation", "-" if p.utilisation_percent is None else f"{p.utilisation_percent}%"),
            ("On hold", ", ".join(h.reason for h in p.holds) or "no"),
            ("Terms", f"{p.terms_days} days, prepayment {p.prepayment_percent}%"),
            ("Next review", str(p.next_review_on or "-")),
        ]
    )
    doc.table(
        ("Requested", "Status", "Amount", "Reason"),
        [
            (f"{x.requested_at:%Y-%m-%d}", x.status, _money(x.amount, x.currency), x.reason)
            for x in report.limit_history
        ],
        widths_mm=(25, 30, 35, 84),
        numeric=(2,),
        caption="Limit history",
    )
    if report.latest_statement is not None:
        s = report.latest_statement
        doc.heading(f"Ratios (statement to {s.period_end})")
        doc.fields([(k.replace("_", " "), v or "-") for k, v in s.ratios.model_dump().items()])
    if report.latest_assessment is not None:
        a = report.latest_assessment
        doc.table(
            ("Input", "Value", "Band", "Weight", "Points", "Contribution"),
            [
                (
                    i.input,
                    i.value or "-",
                    i.band or "-",
                    str(i.weight),
                    str(i.points),
                    i.contribution,
                )
                for i in a.inputs
            ],
            widths_mm=(44, 26, 26, 22, 22, 34),
            numeric=(1, 2, 3, 4, 5),
            caption=f"Score {a.score}, grade {a.grade} (policy {a.policy_version}, {a.as_of})",
        )
    doc.table(
        ("Input", "Value", "Source", "As of"),
        [(i.input, i.value or "-", i.source, str(i.as_of or "-")) for i in report.inputs],
        widths_mm=(44, 26, 79, 25),
        numeric=(1,),
        caption="Inputs today",
    )
    doc.table(
        ("Raised", "Warning", "Detail", "Cleared"),
        [(str(w.raised_on), w.kind, w.detail, str(w.cleared_on or "-")) for w in report.warnings],
        widths_mm=(22, 32, 95, 25),
        caption="Warnings",
    )
    return doc.render()


def _money(amount: str | None, currency: str) -> str:
    return "-" if amount is None else f"{amount} {currency}"
