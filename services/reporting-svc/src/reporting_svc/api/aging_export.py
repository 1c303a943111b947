"""The aging report as CSV or XLSX: one line per row, then the totals per currency.

Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe; in XLSX
amounts are typed numbers at the currency's scale.
"""

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from fastapi.responses import Response
from openpyxl import Workbook

from ledgerflow_events.money import format_minor
from reporting_svc.api.aging_out import GROUP_FIELDS
from reporting_svc.projections.aging.buckets import AgingBucket
from reporting_svc.projections.aging.rows import AgingResult, AgingRow, GroupBy

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"

    @property
    def media_type(self) -> str:
        return {"json": "application/json", "csv": "text/csv", "xlsx": XLSX_TYPE}[self.value]


def wanted_format(given: ExportFormat | None, accept: str | None) -> ExportFormat:
    """`format=` wins; else the Accept header; else JSON."""
    if given is not None:
        return given
    accepted = accept or ""
    if XLSX_TYPE in accepted:
        return ExportFormat.XLSX
    if "text/csv" in accepted:
        return ExportFormat.CSV
    return ExportFormat.JSON


def safe_text(value: str | None) -> str:
    text = value or ""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _header(spans: Sequence[AgingBucket], group_by: GroupBy) -> list[str]:
    group = GROUP_FIELDS.get(group_by, "group")
    return ["line", group, "currency", *(b.label for b in spans), "disputed", "total"]


def _lines(result: AgingResult) -> list[tuple[str, AgingRow]]:
    return [("row", r) for r in result.rows] + [("total", t) for t in result.totals]


def _amounts(row: AgingRow) -> list[int]:
    return [*row.amounts, row.disputed, row.total]


def _csv(spans: Sequence[AgingBucket], result: AgingResult, group_by: GroupBy) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_header(spans, group_by))
    for line, row in _lines(result):
        amounts = [format_minor(a, row.currency) for a in _amounts(row)]
        writer.writerow([line, safe_text(row.group), safe_text(row.currency), *amounts])
    return out.getvalue().encode()


def _xlsx(
    head: dict[str, Any], spans: Sequence[AgingBucket], result: AgingResult, group_by: GroupBy
) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Aging")
    sheet.append(["as_of", head["as_of"], "basis", head["basis"], "known_at", head["known_at"]])
    sheet.append(_header(spans, group_by))
    for line, row in _lines(result):
        amounts = [Decimal(format_minor(a, row.currency)) for a in _amounts(row)]
        sheet.append([line, safe_text(row.group), safe_text(row.currency), *amounts])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_response(
    chosen: ExportFormat,
    head: dict[str, Any],
    spans: Sequence[AgingBucket],
    result: AgingResult,
    group_by: GroupBy,
) -> Response:
    name = f"aging-{head['as_of']}.{chosen.value}"
    body = _xlsx(head, spans, result, group_by) if chosen is ExportFormat.XLSX else None
    return Response(
        body if body is not None else _csv(spans, result, group_by),
        media_type=chosen.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
