"""A bulk invoice file, read and checked row by row, column by column, before anything is kept.

The file is UTF-8 CSV with a header row (adapters/invoicing/invoice_files.py reads it).
Columns (any order, names case-insensitive):
    invoice_ref   required  the biller's reference; rows sharing it are lines of one invoice
    customer_id   required  the ledger account billed
    issue_date    required  YYYY-MM-DD
    due_date      optional  YYYY-MM-DD; empty: the customer's payment terms decide
    series        optional  numbering series, default INV
    currency      optional  if given, must be the customer's account currency
    description   required  the line's text, 1-500 characters
    quantity      required  positive, at most 4 decimals
    unit_price    required  at the currency's scale
    tax_rate      optional  percent, 0-100, at most 4 decimals
    order_reference optional the order system's reference the invoice bills, up to 64
    contract_id   optional  the customer's contract (customer-svc id) it bills, up to 64
Rows are numbered as a spreadsheet shows them: the header is row 1. The rows of one invoice
must agree on its customer, dates, series and currency.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from ledger_svc.domain.invoicing.invoice import INVOICE_SERIES
from ledger_svc.domain.invoicing.invoice_import import ErrorReport

REQUIRED_COLUMNS = (
    "invoice_ref",
    "customer_id",
    "issue_date",
    "description",
    "quantity",
    "unit_price",
)
OPTIONAL_COLUMNS = (
    "due_date",
    "series",
    "currency",
    "tax_rate",
    "order_reference",
    "contract_id",
)
MAX_TEXT = 64
MAX_DESCRIPTION = 500
_SERIES = re.compile(r"^[A-Z][A-Z0-9]{0,11}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ImportRow:
    """One row of the file, its cells parsed; lines are priced later, against the account."""

    row: int
    invoice_ref: str
    customer_id: str
    issue_date: date | None
    due_date: date | None
    series: str
    currency: str | None
    description: str
    quantity: Decimal | None
    unit_price: str
    tax_rate: Decimal | None
    order_reference: str | None = None
    contract_id: str | None = None


def read_header(report: ErrorReport, header: list[str]) -> list[str]:
    """The header's column names, normalised; every problem with it goes in the report."""
    names = [name.strip().lower() for name in header]
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    for position, name in enumerate(names):
        if name not in known:
            columns = ", ".join((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS))
            report.add(1, name, f"Unknown column {name!r}; the columns are {columns}.")
        elif name in names[:position]:
            report.add(1, name, f"Column {name!r} appears more than once.")
    for name in REQUIRED_COLUMNS:
        if name not in names:
            report.add(1, name, f"Required column {name!r} is missing.")
    return names


def _date(report: ErrorReport, row: int, column: str, value: str) -> date | None:
    if _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    report.add(row, column, f"{value!r} is not a date (YYYY-MM-DD).")
    return None


def _decimal(report: ErrorReport, row: int, column: str, value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        report.add(row, column, f"{value!r} is not a number.")
        return None
    return number


def _text(report: ErrorReport, row: int, column: str, value: str, limit: int) -> str:
    if not value or len(value) > limit:
        report.add(row, column, f"{column} must be 1 to {limit} characters.")
    return value


def _optional_text(report: ErrorReport, row: int, column: str, value: str | None) -> str | None:
    text = (value or "").strip()
    return _text(report, row, column, text, MAX_TEXT) if text else None


def parse_row(report: ErrorReport, row: int, cells: dict[str, str]) -> ImportRow:
    """The row's cells, each checked on its own; what fails is reported, not raised."""
    get = cells.get
    due = (get("due_date") or "").strip()
    series = (get("series") or "").strip() or INVOICE_SERIES
    if not _SERIES.match(series):
        report.add(row, "series", f"{series!r} is not a series (A-Z, 0-9, up to 12).")
    currency = (get("currency") or "").strip() or None
    if currency is not None and not _CURRENCY.match(currency):
        report.add(row, "currency", f"{currency!r} is not an ISO 4217 currency code.")
    rate = (get("tax_rate") or "").strip()
    return ImportRow(
        row=row,
        invoice_ref=_text(report, row, "invoice_ref", cells["invoice_ref"].strip(), MAX_TEXT),
        customer_id=_text(report, row, "customer_id", cells["customer_id"].strip(), MAX_TEXT),
        issue_date=_date(report, row, "issue_date", cells["issue_date"].strip()),
        due_date=_date(report, row, "due_date", due) if due else None,
        series=series,
        currency=currency,
        description=_text(
            report, row, "description", cells["description"].strip(), MAX_DESCRIPTION
        ),
        quantity=_decimal(report, row, "quantity", cells["quantity"].strip()),
        unit_price=cells["unit_price"].strip(),
        tax_rate=_decimal(report, row, "tax_rate", rate) if rate else None,
        order_reference=_optional_text(report, row, "order_reference", get("order_reference")),
        contract_id=_optional_text(report, row, "contract_id", get("contract_id")),
    )
