"""An uploaded table, CSV or XLSX, as rows of text cells numbered as a spreadsheet shows them.

A workbook is zipped XML read through defusedxml (openpyxl uses it when present); one that
would unpack far beyond any real table, or any formula cell, is refused: a balance must be a
value, not something a spreadsheet computes on opening.
"""

import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

import openpyxl

from ledgerflow_platform.errors import DomainError

ZIP_MAGIC = b"PK\x03\x04"
MAX_UNPACKED_BYTES = 256 * 2**20
CSV_ENCODINGS = ("utf-8-sig", "gb18030")

Table = Iterator[tuple[int, Sequence[str]]]


class UnreadableTable(DomainError):
    """An upload that is not a CSV or XLSX table we can read."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


def read_table(content: bytes, filename: str | None) -> list[tuple[int, Sequence[str]]]:
    """The first sheet of an .xlsx (by name or content), else CSV in UTF-8 or GB18030."""
    suffix = PurePosixPath((filename or "").lower()).suffix
    if suffix in (".xlsx", ".xlsm") or content.startswith(ZIP_MAGIC):
        return list(_xlsx_rows(content))
    return list(_csv_rows(content))


def _csv_rows(content: bytes) -> Table:
    if b"\x00" in content[:65536]:
        raise UnreadableTable("The file holds binary data, not CSV text.")
    for encoding in CSV_ENCODINGS:
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableTable("The CSV is neither UTF-8 nor GB18030 text.")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise UnreadableTable(f"The CSV is malformed near line {reader.line_num}: {exc}.") from exc


def _text(value: Any, line: int) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("="):
        raise UnreadableTable(f"Row {line} holds a formula; save the sheet with values only.")
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        # Numbers are binary floats in a workbook: the shortest decimal that reads back.
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    return str(value).strip()


def _xlsx_rows(content: bytes) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UnreadableTable("The .xlsx file is damaged: it is not a zip archive.") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableTable("The .xlsx file unpacks to far more than a table holds.")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    except Exception as exc:
        # Whatever a damaged or hostile workbook makes the parser raise, the user gets a 4xx.
        raise UnreadableTable("The .xlsx file is damaged or not a workbook.") from exc
    try:
        sheet = workbook.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, tuple(_text(v, line) for v in values)
    except UnreadableTable:
        raise
    except Exception as exc:
        raise UnreadableTable("The .xlsx file's first sheet cannot be read.") from exc
    finally:
        workbook.close()
