"""CSV and XLSX files of tables: read into text cells, written with formulas neutralised."""

import csv
import io
import logging
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any, cast

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from customer_svc.domain.customer_table.export import CellValue
from customer_svc.domain.customer_table.table import (
    Sheet,
    SheetRow,
    UnreadableSpreadsheet,
    UnsupportedSpreadsheet,
    neutralized,
)

log = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CSV_SUFFIXES = frozenset({".csv", ".txt"})
# A workbook is zipped XML: refuse one that would unpack far beyond any real table.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_sheet(content: bytes, filename: str) -> Sheet:
    """The first sheet of an .xlsx, or a .csv in UTF-8 (with or without BOM) or GB18030."""
    suffix = PurePosixPath(filename.lower()).suffix
    if suffix in XLSX_SUFFIXES or (not suffix and content.startswith(ZIP_MAGIC)):
        return _sheet(_xlsx_rows(content))
    if suffix in CSV_SUFFIXES or not suffix:
        if content.startswith(ZIP_MAGIC):
            raise UnreadableSpreadsheet(f"{filename!r} is a zip archive, not CSV text.")
        return _sheet(_csv_rows(content))
    raise UnsupportedSpreadsheet(
        f"{filename!r} is not a table we read: upload a .csv or an .xlsx file."
    )


def _sheet(rows: Iterable[tuple[int, tuple[str, ...]]]) -> Sheet:
    found = iter(rows)
    first = next(found, None)
    if first is None or not any(first[1]):
        raise UnreadableSpreadsheet("The file has no header row in its first row.")
    kept = tuple(SheetRow(line, cells) for line, cells in found if any(c.strip() for c in cells))
    return Sheet(first[1], kept)


def _csv_text(content: bytes) -> str:
    if b"\x00" in content[:65536]:
        raise UnreadableSpreadsheet("The file holds binary data, not CSV text.")
    for encoding in CSV_ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableSpreadsheet("The CSV is neither UTF-8 nor GB18030 text; save it as CSV UTF-8.")


def _csv_rows(content: bytes) -> Iterator[tuple[int, tuple[str, ...]]]:
    text = _csv_text(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        # A record is a row of the sheet, whatever newlines its quoted cells hold.
        for line, record in enumerate(reader, start=1):
            yield line, tuple(record)
    except csv.Error as exc:
        message = f"The CSV is malformed near line {reader.line_num}: {exc}."
        raise UnreadableSpreadsheet(message) from exc


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        # A workbook stores numbers as binary floats: keep the shortest decimal that reads back.
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    return str(value)


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, tuple[str, ...]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UnreadableSpreadsheet("The .xlsx file is damaged: it is not a zip archive.") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableSpreadsheet("The .xlsx file unpacks to far more than a table holds.")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    except Exception as exc:
        # Whatever a damaged or hostile workbook makes the parser raise, the user gets a 4xx.
        log.info("unreadable workbook: %r", exc)
        raise UnreadableSpreadsheet("The .xlsx file is damaged or not a workbook.") from exc
    try:
        sheet = workbook.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            yield line, tuple(_xlsx_text(v) for v in values)
    except Exception as exc:
        log.info("unreadable worksheet: %r", exc)
        raise UnreadableSpreadsheet("The .xlsx file's first sheet cannot be read.") from exc
    finally:
        workbook.close()


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
