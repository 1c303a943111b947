# ruff: noqa: RUF001  (full-width punctuation is correct in the Chinese texts)
"""A dunning notice printed as a letter (A4 PDF, in the house style of libs/platform's
documents, so Chinese prints): for customers nobody can be e-mailed."""

from dataclasses import dataclass
from pathlib import Path

from collections_svc.domain.notice import Notice
from ledgerflow_events.money import format_minor
from ledgerflow_platform.documents.layout import Document
from ledgerflow_platform.documents.letterhead import Letterhead


@dataclass(frozen=True)
class LetterWords:
    title: str
    opening: str
    columns: tuple[str, str, str, str]
    total: str
    closing: str


WORDS = {
    "en": LetterWords(
        title="Payment reminder: overdue invoices",
        opening="According to our records the following invoices are still unpaid. Please "
        "pay the open amounts, or tell us if you have already paid.",
        columns=("Invoice", "Level", "Days past due", "Open amount"),
        total="Total",
        closing="Please quote the invoice numbers with your payment.",
    ),
    "zh-CN": LetterWords(
        title="付款提醒：发票已逾期",
        opening="根据我方记录，以下发票尚未付清。请尽快支付未付金额；如已付款，请告知我们。",
        columns=("发票号", "催收级别", "逾期天数", "未付金额"),
        total="合计",
        closing="付款时请注明发票号。",
    ),
}


def render_letter(
    notice: Notice, language: str, letterhead: Letterhead, font_file: Path | None
) -> bytes:
    words = WORDS.get(language, WORDS["en"])
    doc = Document(words.title, letterhead, font_file=font_file)
    doc.paragraph(words.opening)
    doc.space(4)
    rows = [
        (
            line.number,
            str(line.level),
            str(line.days_past_due),
            f"{format_minor(line.open_amount, line.currency)} {line.currency}",
        )
        for line in notice.invoices
    ]
    totals: dict[str, int] = {}
    for line in notice.invoices:
        totals[line.currency] = totals.get(line.currency, 0) + line.open_amount
    rows += [
        (words.total, "", "", f"{format_minor(amount, currency)} {currency}")
        for currency, amount in sorted(totals.items())
    ]
    doc.table(
        words.columns,
        rows,
        widths_mm=(60, 25, 35, 50),
        numeric=(1, 2, 3),
        total_rows=len(totals),
    )
    doc.space(4)
    doc.paragraph(words.closing)
    return doc.render()
