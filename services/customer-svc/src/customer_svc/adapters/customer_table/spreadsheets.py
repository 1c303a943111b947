"""CSV and XLSX files of tables: read into text cells, written with formulas neutralised."""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, cast

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from customer_svc.domain.customer_table.export import CellValue
from customer_svc.domain.customer_table.rows import MAX_ROWS
from customer_svc.domain.customer_table.table import (
    Sheet,
    SheetRow,
    TableTooLong,
    UnreadableSpreadsheet,
    UnsupportedSpreadsheet,
    neutralized,
)
from ledgerflow_platform.tables.reading import TableTooLong as TooManyRows
from ledgerflow_platform.tables.reading import UnreadableTable, UnsupportedTable, read_table

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_sheet(content: bytes, filename: str) -> Sheet:
    """The first sheet of an .xlsx, or a .csv in UTF-8 (with or without BOM) or GB18030; refused
    as soon as it passes the import's row cap."""
    try:
        table = read_table(content, filename, max_rows=MAX_ROWS, encodings=CSV_ENCODINGS)
    except UnsupportedTable as exc:
        raise UnsupportedSpreadsheet(exc.message) from exc
    except UnreadableTable as exc:
        raise UnreadableSpreadsheet(exc.message) from exc
    except TooManyRows as exc:
        message = f"The table has more than {MAX_ROWS} rows; one import takes at most {MAX_ROWS}."
        raise TableTooLong(message) from exc
    return Sheet(table.header, tuple(SheetRow(row.line, row.cells) for row in table.rows))


def _csv_cell(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return neutralized(str(value))


def write_csv(columns: Sequence[str], rows: Iterable[Mapping[str, CellValue]]) -> bytes:
    """UTF-8 with a BOM, so spreadsheet programs read non-Latin names right."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_csv_cell(row.get(c)) for c in columns] for row in rows)
    return ("\ufeff" + out.getvalue()).encode()


def _number_format(amount: Decimal) -> str:
    exponent = amount.as_tuple().exponent
    scale = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * scale if scale else "")


def _xlsx_cell(sheet: Any, value: CellValue) -> Any:
    if isinstance(value, str):
        return neutralized(ILLEGAL_CHARACTERS_RE.sub("", value))
    # openpyxl writes Decimal and date exactly, though its stubs admit neither.
    cell = WriteOnlyCell(sheet, value=cast(Any, value))
    if isinstance(value, Decimal):
        cell.number_format = _number_format(value)
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def write_xlsx(
    columns: Sequence[str], rows: Iterable[Mapping[str, CellValue]], *, title: str
) -> bytes:
    """One sheet; amounts and dates as numbers and dates, every text neutralised."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    sheet.append(list(columns))
    for row in rows:
        sheet.append([_xlsx_cell(sheet, row.get(c)) for c in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
