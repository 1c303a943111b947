"""A file of opening balances, read and checked cell by cell before anything is posted.

The first row names the columns (any order, case-insensitive):
    customer_code     required  the code the customer is filed under in customer-svc
    contract_number   optional  one of the customer's signed contracts
    currency          optional  if given, must be the customer's account currency
    invoiced          required  what was billed before the cut-over, at the currency's scale
    paid              required  what of it was paid, at most `invoiced`
    due_date          optional  YYYY-MM-DD; empty: the cut-over date
Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ledger_svc.domain.invoicing.invoice_import import ErrorReport
from ledgerflow_platform.tables.formulas import formula_in

REQUIRED_COLUMNS = ("customer_code", "invoiced", "paid")
OPTIONAL_COLUMNS = ("contract_number", "currency", "due_date")
MAX_TEXT = 64
MAX_ROWS = 100_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class OpeningRow:
    """One row of the file, its cells as text; amounts are judged against the account."""

    row: int
    customer_code: str
    contract_number: str | None
    currency: str | None
    invoiced: str
    paid: str
    due_date: date | None


def _header(report: ErrorReport, header: Sequence[str]) -> list[str]:
    names = [name.strip().lower() for name in header]
    known = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    for position, name in enumerate(names):
        if name not in known:
            report.add(1, name, f"Unknown column {name!r}; the columns are {', '.join(known)}.")
        elif name in names[:position]:
            report.add(1, name, f"Column {name!r} appears more than once.")
    for name in REQUIRED_COLUMNS:
        if name not in names:
            report.add(1, name, f"Required column {name!r} is missing.")
    return names


def _date(report: ErrorReport, row: int, value: str) -> date | None:
    if not value:
        return None
    parsed = None
    if _DATE.match(value):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None or not 1900 <= parsed.year <= 2200:
        report.add(row, "due_date", f"{value!r} is not a date (YYYY-MM-DD, years 1900-2200).")
    return parsed


def _text(report: ErrorReport, row: int, column: str, value: str, required: bool) -> str:
    if (required and not value) or len(value) > MAX_TEXT:
        report.add(row, column, f"{column} must be 1 to {MAX_TEXT} characters.")
    return value


def read_rows(report: ErrorReport, table: Iterable[tuple[int, Sequence[str]]]) -> list[OpeningRow]:
    """The rows of a table whose first row is its header; problems go in the report."""
    found = iter(table)
    first = next(found, None)
    if first is None:
        if not report.count:
            report.add(0, None, "The file is empty: expected a header row and balance rows.")
        return []
    names = _header(report, first[1])
    if report.count:
        return []
    rows: list[OpeningRow] = []
    for number, cells in found:
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) == MAX_ROWS:
            report.add(number, None, f"A file holds {MAX_ROWS} balance rows at most.")
            break
        values = {n: (cells[i].strip() if i < len(cells) else "") for i, n in enumerate(names)}
        formulas = [(n, refusal) for n, v in values.items() if (refusal := formula_in(v))]
        for column, refusal in formulas:
            report.add(number, column, refusal)
        if formulas:
            continue
        currency = values.get("currency") or None
        if currency is not None and not _CURRENCY.match(currency):
            report.add(number, "currency", f"{currency!r} is not an ISO 4217 currency code.")
        rows.append(
            OpeningRow(
                row=number,
                customer_code=_text(
                    report, number, "customer_code", values["customer_code"].upper(), True
                ),
                contract_number=_text(
                    report, number, "contract_number", values.get("contract_number", ""), False
                )
                or None,
                currency=currency,
                invoiced=values["invoiced"],
                paid=values["paid"],
                due_date=_date(report, number, values.get("due_date", "")),
            )
        )
    if not rows and not report.count:
        report.add(0, None, "The file has a header but no balance rows.")
    return rows
