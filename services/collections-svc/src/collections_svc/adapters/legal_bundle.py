# ruff: noqa: RUF001  (full-width punctuation is correct in the Chinese texts)
"""A case's legal bundle as one PDF: a cover page (customer, case, totals, dates), every
notice sent for its invoices as its letter prints, then the ledger's statement of account."""

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter

from collections_svc.adapters.letter import render_letter
from collections_svc.domain.legal import LegalBundle
from ledgerflow_events.money import format_minor
from ledgerflow_platform.documents.layout import Document
from ledgerflow_platform.documents.letterhead import Letterhead
from ledgerflow_platform.documents.money import with_thousands


@dataclass(frozen=True)
class CoverWords:
    title: str
    customer: str
    customer_id: str
    case: str
    overdue: str
    open_total: str
    escalated_on: str
    prepared_on: str
    contents: str


COVER = {
    "en": CoverWords(
        title="Legal escalation bundle",
        customer="Customer",
        customer_id="Customer ID",
        case="Collection case",
        overdue="Overdue amount",
        open_total="Open total",
        escalated_on="Escalated to legal on",
        prepared_on="Prepared on",
        contents="Enclosed: {notices} dunning notice(s) sent, and the statement of account.",
    ),
    "zh-CN": CoverWords(
        title="法律催收材料",
        customer="客户",
        customer_id="客户编号",
        case="催收案件",
        overdue="逾期金额",
        open_total="未付总额",
        escalated_on="转交法务日期",
        prepared_on="编制日期",
        contents="附件：已发送的催收通知 {notices} 份，以及对账单。",
    ),
}


def _amount(minor: int, currency: str) -> str:
    return f"{with_thousands(format_minor(minor, currency))} {currency}"


def render_cover(
    bundle: LegalBundle,
    customer_name: str | None,
    language: str,
    letterhead: Letterhead,
    font_file: Path | None,
) -> bytes:
    words = COVER.get(language, COVER["en"])
    case = bundle.case
    doc = Document(words.title, letterhead, font_file=font_file)
    doc.fields(
        [
            (words.customer, customer_name or case.customer_id),
            (words.customer_id, case.customer_id),
            (words.case, case.id),
            (words.overdue, _amount(case.overdue_amount, case.currency)),
            *(
                (words.open_total, _amount(total, currency))
                for currency, total in bundle.open_totals.items()
            ),
            (words.escalated_on, bundle.escalated_on.isoformat()),
            (words.prepared_on, bundle.prepared_on.isoformat()),
        ]
    )
    doc.space(4)
    doc.paragraph(words.contents.format(notices=len(bundle.notices)))
    return doc.render()


def render_bundle(
    bundle: LegalBundle,
    customer_name: str | None,
    language: str,
    letterhead: Letterhead,
    font_file: Path | None,
    statement_pdf: bytes,
) -> bytes:
    parts = [
        render_cover(bundle, customer_name, language, letterhead, font_file),
        *(render_letter(n, language, letterhead, font_file) for n in bundle.notices),
        statement_pdf,
    ]
    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
