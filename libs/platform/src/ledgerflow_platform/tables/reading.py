"""Reading an uploaded table, CSV or XLSX, row by row: refused the moment it passes its row
cap, so a small file that unpacks to a million rows costs a fraction of a second, not minutes.

A workbook is read in openpyxl's streaming (read-only) mode, through defusedxml. Opening a
sheet that declares no size makes openpyxl parse all of it once just to measure it: so every
sheet's rows are first counted straight from the decompressed bytes (zlib and a regular
expression, no XML parsing), and a workbook with a sheet over the cap is refused there, having
unpacked no more than the cap's worth of it. The size it
declares for its sheet is ignored: rows are as wide as their last cell, so a declared A1:XFD1048576
cannot make every row 16,384 cells wide, and a row wider than MAX_COLUMNS is refused.
Rows are numbered as a spreadsheet shows them (the header is row 1); blank rows count
towards the cap, as they cost the reading as much as any other.
"""

import csv
import io
import logging
import zipfile
import zlib
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from pathlib import PurePosixPath
from typing import IO, Any

import openpyxl

from ledgerflow_platform.errors import DomainError

log = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CSV_SUFFIXES = frozenset({".csv", ".txt"})
# Far beyond any table an import takes; the row cap usually stops the reading long before.
MAX_UNPACKED_BYTES = 256 * 2**20
MAX_COLUMNS = 256
CSV_DELIMITERS = ",;\t"
UTF8 = ("utf-8-sig",)
_CHUNK = 1 << 20
_TAIL = 8


class TableFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class UnsupportedTable(DomainError):
    """The upload is not in a format the import reads."""


class UnreadableTable(DomainError):
    """The file says it is a table but cannot be read as one; `line` is where, if known."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class NotText(UnreadableTable):
    """A CSV in none of the encodings accepted; `offset` is the first byte that is not."""

    def __init__(self, message: str, *, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class TableTooLong(DomainError):
    """The table has more rows than one import takes."""

    def __init__(self, max_rows: int) -> None:
        super().__init__(f"The table has more than {max_rows} rows; one import takes at most that.")
        self.max_rows = max_rows


@dataclass(frozen=True)
class TableRow:
    """A row as read: its spreadsheet row number and its cells as text."""

    line: int
    cells: tuple[str, ...]

    @property
    def blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


@dataclass(frozen=True)
class Table:
    """A table as read: its header row and the rows below it that hold anything."""

    header: tuple[str, ...]
    rows: tuple[TableRow, ...]


def table_format(content: bytes, filename: str | None) -> TableFormat:
    """CSV or XLSX, from the file's name, else from how it starts."""
    suffix = PurePosixPath((filename or "").lower()).suffix
    if suffix in XLSX_SUFFIXES or (not suffix and content.startswith(ZIP_MAGIC)):
        return TableFormat.XLSX
    if suffix in CSV_SUFFIXES or not suffix:
        return TableFormat.CSV
    raise UnsupportedTable(f"{filename!r} is not a table we read: upload a .csv or an .xlsx file.")


def read_rows(
    content: bytes,
    filename: str | None = None,
    *,
    max_rows: int,
    formats: Sequence[TableFormat] = (TableFormat.CSV, TableFormat.XLSX),
    encodings: Sequence[str] = UTF8,
    delimiters: str = CSV_DELIMITERS,
) -> Iterator[TableRow]:
    """Every row of the file's first sheet, the header included, blank ones too; TableTooLong
    is raised as soon as more than `max_rows` rows follow the header."""
    kind = table_format(content, filename)
    if kind not in formats:
        accepted = " or ".join(f".{f.value}" for f in formats)
        named = repr(filename) if filename else f"The file (.{kind.value})"
        raise UnsupportedTable(f"{named} is not a table we read: upload {accepted}.")
    if kind is TableFormat.XLSX:
        rows = _xlsx_rows(content, max_rows)
    elif content.startswith(ZIP_MAGIC):
        named = repr(filename) if filename else "The file"
        raise UnreadableTable(f"{named} is a zip archive, not CSV text.")
    else:
        rows = _csv_rows(_text(content, encodings), delimiters)
    with closing(rows):
        for row in rows:
            if row.line > max_rows + 1:
                raise TableTooLong(max_rows)
            yield row


def read_table(
    content: bytes,
    filename: str | None = None,
    *,
    max_rows: int,
    formats: Sequence[TableFormat] = (TableFormat.CSV, TableFormat.XLSX),
    encodings: Sequence[str] = UTF8,
) -> Table:
    """The header (the first row, which must hold something) and the rows below that do. A
    workbook's rows are as wide as the header at least: it keeps no empty trailing cells."""
    found = read_rows(content, filename, max_rows=max_rows, formats=formats, encodings=encodings)
    first = next(found, None)
    if first is None or first.blank:
        raise UnreadableTable("The file has no header row in its first row.", line=1)
    width = len(first.cells) if table_format(content, filename) is TableFormat.XLSX else 0
    rows = tuple(
        TableRow(row.line, row.cells + ("",) * (width - len(row.cells)))
        for row in found
        if not row.blank
    )
    return Table(first.cells, rows)


def _text(content: bytes, encodings: Sequence[str]) -> str:
    first_error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        if "\x00" in text[:65536]:
            raise UnreadableTable("The file holds binary data, not CSV text.")
        return text
    names = " nor ".join(e.removesuffix("-sig").upper() for e in encodings)
    offset = first_error.start if first_error else 0
    raise NotText(f"The CSV is not {names} text; save it as CSV UTF-8.", offset=offset)


def _csv_rows(text: str, delimiters: str) -> Generator[TableRow, None, None]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(delimiters, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 0
    try:
        # A record is a row of the sheet, whatever newlines its quoted cells hold.
        for line, record in enumerate(reader, start=1):
            yield TableRow(line, tuple(record))
    except csv.Error as exc:
        message = f"The CSV is malformed near line {reader.line_num}: {exc}."
        raise UnreadableTable(message, line=line + 1) from exc


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


def _row_tags(data: bytes) -> int:
    # <row ...> and <row/>; a prefixed <x:row> is closed by </x:row>, so it counts by halves
    return data.count(b"<row") + data.count(b":row") // 2


def _count_rows(part: IO[bytes], max_rows: int) -> None:
    """Count a sheet's row elements as it unpacks, by plain byte search (a regular expression
    is ten times slower); TableTooLong past the cap."""
    rows, tail = 0, b""
    while chunk := part.read(_CHUNK):
        data = tail + chunk
        # a tag cut by the chunk's start is found whole here; one inside the tail was counted
        rows += _row_tags(data) - _row_tags(tail)
        if rows > max_rows + 1:
            raise TableTooLong(max_rows)
        tail = data[-_TAIL:]


def _xlsx_rows(content: bytes, max_rows: int) -> Generator[TableRow, None, None]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise UnreadableTable("The .xlsx file unpacks to far more than a table holds.")
            for info in archive.infolist():
                if info.filename.endswith(".xml"):
                    with archive.open(info) as part:
                        _count_rows(part, max_rows)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise UnreadableTable("The .xlsx file is damaged: it is not a zip archive.") from exc
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    except Exception as exc:
        # Whatever a damaged or hostile workbook makes the parser raise, the user gets a 4xx.
        log.info("unreadable workbook: %r", exc)
        raise UnreadableTable("The .xlsx file is damaged or not a workbook.") from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            width = len(values)
            while width and values[width - 1] is None:
                width -= 1
            if width > MAX_COLUMNS:
                raise UnreadableTable(f"Row {line} has more than {MAX_COLUMNS} columns.", line=line)
            yield TableRow(line, tuple(_xlsx_text(v) for v in values[:width]))
    except UnreadableTable:
        raise
    except Exception as exc:
        log.info("unreadable worksheet: %r", exc)
        raise UnreadableTable("The .xlsx file's first sheet cannot be read.") from exc
    finally:
        workbook.close()
