"""From an invoice file to the invoices it asks for, priced and checked exactly as if each had
been issued on its own, or a report of everything wrong with it: all or nothing."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.calendar import CALENDAR_DAYS, BusinessCalendar
from ledger_svc.domain.invoicing.invoice_draft import InvoiceDraft, draft_invoice
from ledger_svc.domain.invoicing.invoice_import import ErrorReport
from ledger_svc.domain.invoicing.invoice_import_rows import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ImportRow,
    parse_row,
    read_header,
)
from ledger_svc.domain.invoicing.pricing import LineRequest, price_line
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.tables.formulas import MAY_START_FORMULA, formula_in

# As many lines as one invoice takes through the API.
MAX_LINES_PER_INVOICE = 200
_HEAD = (
    "customer_id",
    "issue_date",
    "due_date",
    "series",
    "currency",
    "order_reference",
    "contract_id",
)
_COLUMNS = frozenset(REQUIRED_COLUMNS) | frozenset(OPTIONAL_COLUMNS)


@dataclass(frozen=True)
class PlannedInvoice:
    """One invoice of the file, drafted and waiting for its number."""

    invoice_ref: str
    series: str
    draft: InvoiceDraft
    first_row: int


@dataclass(frozen=True)
class ImportPlan:
    """Every invoice of a file that passed every check, in the order the file names them."""

    rows: int
    invoices: tuple[PlannedInvoice, ...]

    @property
    def lines(self) -> int:
        return sum(len(p.draft.lines) for p in self.invoices)


def read_import_file(
    report: ErrorReport, records: Iterable[tuple[int, Sequence[str]]]
) -> list[ImportRow]:
    """The file's rows from its (spreadsheet row, cells) records, each cell checked; problems
    go in the report. A cell a spreadsheet would run as a formula is refused, as every import
    refuses it, and its row read no further."""
    found = iter(records)
    header = next(found, None)
    if header is None:
        if not report.count:
            report.add(0, None, "The file is empty: expected a header row and invoice rows.")
        return []
    names = read_header(report, list(header[1]))
    if report.count:
        return []
    rows = []
    for number, cells in found:
        if len(cells) != len(names):
            report.add(number, None, f"Expected {len(names)} fields, found {len(cells)}.")
            continue
        refused = [
            (name, refusal)
            for name, cell in zip(names, cells, strict=True)
            if cell[:1] in MAY_START_FORMULA and (refusal := formula_in(cell))
        ]
        for name, refusal in refused:
            report.add(number, name, refusal)
        if not refused:
            rows.append(parse_row(report, number, dict(zip(names, cells, strict=True))))
    if not rows and not report.count:
        report.add(0, None, "The file has a header but no invoice rows.")
    return rows


def group_by_invoice(report: ErrorReport, rows: Sequence[ImportRow]) -> dict[str, list[ImportRow]]:
    """Rows by invoice_ref, in the order each invoice first appears; rows that disagree with
    their invoice's first row, or one line too many, are reported."""
    groups: dict[str, list[ImportRow]] = {}
    for row in rows:
        group = groups.setdefault(row.invoice_ref, [])
        if group:
            head = group[0]
            for column in _HEAD:
                if getattr(row, column) != getattr(head, column):
                    report.add(
                        row.row,
                        column,
                        f"Differs from row {head.row}, the first of invoice {row.invoice_ref!r}.",
                    )
        if len(group) == MAX_LINES_PER_INVOICE:
            report.add(
                row.row, "invoice_ref", f"An invoice has {MAX_LINES_PER_INVOICE} lines at most."
            )
        group.append(row)
    return groups


def _locate(error: DomainError, group: Sequence[ImportRow]) -> tuple[int, str | None]:
    """The row and column a drafting error names ("lines.3.unit_price": the 4th line's row)."""
    parts = (error.field or "").split(".")
    if parts[0] == "lines" and len(parts) > 2 and parts[1].isdigit():
        column = "unit_price" if parts[2] == "amount" else parts[2]
        return group[int(parts[1])].row, column
    if parts[0] == "lines":
        return group[0].row, "unit_price"
    return group[0].row, parts[0] if parts[0] in _COLUMNS else None


def _line(row: ImportRow) -> LineRequest:
    assert row.quantity is not None, "only rows without errors are priced"
    return LineRequest(row.description, row.quantity, row.unit_price, None, row.tax_rate)


def _price_each(report: ErrorReport, group: Sequence[ImportRow], currency: str) -> None:
    """Price every line that has a quantity on its own, reporting each one that fails."""
    for row in group:
        if row.quantity is None or row.currency not in (None, currency):
            continue
        try:
            price_line(_line(row), currency, index=0)
        except DomainError as exc:
            report.add(row.row, _locate(exc, [row])[1], exc.message)


def _draft(
    report: ErrorReport,
    group: Sequence[ImportRow],
    account: CustomerAccount,
    calendar: BusinessCalendar,
) -> InvoiceDraft | None:
    """The group's invoice, priced once; if anything is wrong, every line is priced on its
    own so that each bad cell is reported, not just the first."""
    currency = account.currency
    for row in group:
        if row.currency is not None and row.currency != currency:
            report.add(row.row, "currency", f"The customer's account is kept in {currency}.")
    if any(row.row in report.rows for row in group):
        _price_each(report, group, currency)
        return None
    head = group[0]
    assert head.issue_date is not None
    try:
        return draft_invoice(
            account,
            issue_date=head.issue_date,
            due_date=head.due_date,
            currency=head.currency,
            lines=[_line(row) for row in group],
            calendar=calendar,
            order_reference=head.order_reference,
            contract_id=head.contract_id,
        )
    except DomainError as invoice_error:
        errors_before = report.count
        _price_each(report, group, currency)
        if report.count == errors_before:
            report.add(*_locate(invoice_error, group), invoice_error.message)
        return None


def plan_import(
    report: ErrorReport,
    rows: Sequence[ImportRow],
    accounts: Mapping[str, CustomerAccount],
    *,
    calendar: BusinessCalendar = CALENDAR_DAYS,
) -> ImportPlan:
    """The invoices the rows ask for; raises InvoiceImportRejected if any row is wrong."""
    planned: list[PlannedInvoice] = []
    for ref, group in group_by_invoice(report, rows).items():
        account = accounts.get(group[0].customer_id)
        if account is None:
            for row in group:
                report.add(row.row, "customer_id", f"The ledger has no customer {row.customer_id}.")
            continue
        draft = _draft(report, group, account, calendar)
        if draft is not None:
            planned.append(PlannedInvoice(ref, group[0].series, draft, group[0].row))
    report.reject_if_any()
    return ImportPlan(len(rows), tuple(planned))
