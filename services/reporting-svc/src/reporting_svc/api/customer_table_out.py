"""The finance customer table as JSON, CSV or XLSX: amounts at the currency's scale (typed
numbers and dates in XLSX); text a spreadsheet would run as a formula is quoted."""

import csv
import io
from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from ledgerflow_events.money import format_minor
from reporting_svc.api.aging_export import safe_text
from reporting_svc.projections.customer_table.table import TableRow

COLUMNS = tuple(f.name for f in fields(TableRow))
AMOUNTS = frozenset({"contract_total", "invoiced", "paid", "unpaid", "open"})


def _amount(value: int | None, currency: str | None) -> str | None:
    return None if value is None or currency is None else format_minor(value, currency)


def row_json(row: TableRow) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # getattr, not astuple: astuple deep-copies every value, a third of an export's time
    for name in COLUMNS:
        value = getattr(row, name)
        if name in AMOUNTS:
            out[name] = _amount(value, row.currency)
        elif isinstance(value, date):
            out[name] = value.isoformat()
        else:
            out[name] = value
    return out


def _text_cells(row: TableRow) -> list[Any]:
    cells: list[Any] = []
    for name, value in row_json(row).items():
        cells.append(value if name in AMOUNTS or name == "contract_date" else safe_text(value))
    return cells


def table_csv(rows: Sequence[TableRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if c is None else c for c in _text_cells(row)])
    # With a byte-order mark, Excel reads the Chinese names as UTF-8.
    return ("\ufeff" + out.getvalue()).encode()


def table_xlsx(rows: Sequence[TableRow], as_of: date) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Customer table")
    sheet.append(["as_of", as_of])
    sheet.append(list(COLUMNS))
    for row in rows:
        cells = _text_cells(row)
        for i, name in enumerate(COLUMNS):
            if name in AMOUNTS and cells[i] is not None:
                cells[i] = Decimal(cells[i])
        cells[COLUMNS.index("contract_date")] = row.contract_date
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
