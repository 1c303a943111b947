"""A printable A4 document in the house style: the letterhead on every page, the document
font throughout (Chinese prints), page numbers, tables whose amounts align on the right and
that can be kept whole on one page.

    doc = Document("Statement of account", settings.letterhead())
    doc.heading("Aging at 2026-11-30")
    doc.table(("Bucket", "Amount"), rows, widths_mm=(60, 30), numeric=(1,), keep_together=True)
    pdf_bytes = doc.render()

Text is escaped here: names and memos go in as plain text, never as markup; a newline in
it breaks the line.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ledgerflow_platform.documents.fonts import register_document_font
from ledgerflow_platform.documents.letterhead import Letterhead

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
# The band at the top of each page that the letterhead takes.
LETTERHEAD_HEIGHT = 32 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
_GRID = colors.Color(0.75, 0.75, 0.75)
_SHADE = colors.Color(0.93, 0.93, 0.93)


@dataclass(frozen=True)
class DocumentStyles:
    font: str
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    number: ParagraphStyle


def document_styles(font: str) -> DocumentStyles:
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return DocumentStyles(
        font=font,
        title=ParagraphStyle("title", parent=body, fontSize=15, leading=19, spaceAfter=4 * mm),
        heading=ParagraphStyle(
            "heading", parent=body, fontSize=11, leading=14, spaceBefore=4 * mm, spaceAfter=2 * mm
        ),
        body=body,
        cell=ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
        number=ParagraphStyle("number", parent=body, fontSize=8, leading=10, alignment=TA_RIGHT),
    )


class Document:
    """One document being composed; `render` sets it and returns the PDF's bytes."""

    def __init__(self, title: str, letterhead: Letterhead, *, font_file: Path | None = None):
        self.title = title
        self.letterhead = letterhead
        self.styles = document_styles(register_document_font(font_file))
        self._story: list[Flowable] = [Paragraph(_markup(title), self.styles.title)]

    def add(self, flowable: Flowable) -> None:
        self._story.append(flowable)

    def heading(self, text: str) -> None:
        self.add(Paragraph(_markup(text), self.styles.heading))

    def paragraph(self, text: str) -> None:
        self.add(Paragraph(_markup(text), self.styles.body))

    def space(self, height_mm: float) -> None:
        self.add(Spacer(1, height_mm * mm))

    def fields(self, pairs: Sequence[tuple[str, str]], *, label_width_mm: float = 40) -> None:
        """Label: value lines, aligned, values wrapping within their column."""
        rows = [[self._cell(label), self._cell(value)] for label, value in pairs]
        table = Table(rows, colWidths=(label_width_mm * mm, CONTENT_WIDTH - label_width_mm * mm))
        table.setStyle(TableStyle([*_PADDING, self._table_font()]))
        self.add(table)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths_mm: Sequence[float],
        numeric: Sequence[int] = (),
        total_rows: int = 0,
        keep_together: bool = False,
        caption: str | None = None,
    ) -> None:
        """A ruled table with a shaded header (repeated on each page it runs onto); the
        `numeric` columns right-aligned; the last `total_rows` rows shaded as totals; a
        `caption` as a heading above it. With `keep_together` the table and its caption move
        to the next page whole rather than split."""
        right = set(numeric)

        def row(cells: Sequence[str]) -> list[Paragraph]:
            return [self._cell(c, right=n in right) for n, c in enumerate(cells)]

        data = [row(header), *(row(r) for r in rows)]
        table = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=1, hAlign="LEFT")
        style: list[Any] = [
            *_PADDING,
            self._table_font(),
            ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
            ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if total_rows:
            style.append(("BACKGROUND", (0, -total_rows), (-1, -1), _SHADE))
        table.setStyle(TableStyle(style))
        parts: list[Flowable] = [table]
        if caption is not None:
            parts.insert(0, Paragraph(_markup(caption), self.styles.heading))
        if keep_together:
            self.add(KeepTogether(parts))
        else:
            self._story.extend(parts)

    def render(self) -> bytes:
        out = io.BytesIO()
        doc = SimpleDocTemplate(
            out,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + LETTERHEAD_HEIGHT,
            bottomMargin=MARGIN,
            title=self.title,
            author=self.letterhead.company_name,
            creator=self.letterhead.company_name,
            # Else every page also references Helvetica, a font that is not embedded.
            initialFontName=self.styles.font,
        )
        doc.build(self._story, onFirstPage=self._decorate, onLaterPages=self._decorate)
        return out.getvalue()

    def _table_font(self) -> tuple[Any, ...]:
        # A table sets its cells' font even where they hold paragraphs: else Helvetica, which
        # is not embedded, is named on the page.
        return ("FONTNAME", (0, 0), (-1, -1), self.styles.font)

    def _cell(self, text: str, *, right: bool = False) -> Paragraph:
        return Paragraph(_markup(text), self.styles.number if right else self.styles.cell)

    def _decorate(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        """The letterhead at the top of the page, its number at the bottom."""
        head = self.letterhead
        font = self.styles.font
        canvas.saveState()
        top = PAGE_HEIGHT - MARGIN
        canvas.setFont(font, 13)
        canvas.drawString(MARGIN, top - 4 * mm, head.company_name)
        canvas.setFont(font, 8)
        lines = [*head.address_lines]
        if head.tax_id:
            lines.append(f"Tax ID: {head.tax_id}")
        for n, line in enumerate(lines[:5]):
            canvas.drawString(MARGIN, top - (10 + 4 * n) * mm, line)
        canvas.setStrokeColor(_GRID)
        rule = top - LETTERHEAD_HEIGHT + 4 * mm
        canvas.line(MARGIN, rule, PAGE_WIDTH - MARGIN, rule)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN / 2, f"Page {doc.page}")
        canvas.restoreState()


def _markup(text: str) -> str:
    """Plain text as a paragraph's markup: escaped, its line breaks kept."""
    return escape(text).replace("\n", "<br/>")


_PADDING = [
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
]
