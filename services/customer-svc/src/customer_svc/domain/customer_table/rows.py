"""The rows of a finance customer table: their cells read safely, and grouped by customer."""

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from customer_svc.domain.customer_table.table import (
    CellError,
    Sheet,
    TableTooLong,
    cell_text,
)
from customer_svc.domain.customers.profile import customer_code
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.tables.formulas import formula_refusal

T = TypeVar("T")
MAX_ROWS = 50_000
# Longest text a cell may hold, as the single-record endpoints allow.
MAX_LENGTHS = {
    "customer": 200,
    "customer_code": 32,
    "tax_id": 40,
    "contact": 200,
    "phone": 40,
    "email": 254,
    "project": 200,
    "contract_number": 64,
    "payment_cycle": 100,
    "notes": 2000,
}


@dataclass(frozen=True)
class TableRow:
    """A row's cells by column, as text; empty text for an empty cell or a missing column."""

    line: int
    cells: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


class Report:
    """The errors found so far, each at the row and under the header the user sees."""

    def __init__(self, headers: Mapping[str, str]) -> None:
        self.errors: list[CellError] = []
        self._headers = headers

    def add(self, line: int, column: str, message: str) -> None:
        self.errors.append(CellError(line, self._headers.get(column, column), message))

    def check(
        self,
        line: int,
        column: str,
        rule: Callable[..., T],
        *args: Any,
        fields: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> T | None:
        """The rule's value, or None with its refusal reported under the column at fault."""
        try:
            return rule(*args, **kwargs)
        except DomainError as exc:
            at_fault = (fields or {}).get(exc.field or "", column)
            self.add(line, at_fault, exc.message)
            return None


def table_rows(sheet: Sheet, columns: Mapping[int, str], report: Report) -> list[TableRow]:
    """The rows worth reading; a row with a formula or an overlong cell is only reported."""
    if len(sheet.rows) > MAX_ROWS:
        raise TableTooLong(
            f"The table has {len(sheet.rows)} rows; one import takes at most {MAX_ROWS}."
        )
    rows = []
    for row in sheet.rows:
        cells: dict[str, str] = {}
        sound = True
        for position, column in columns.items():
            raw = row.cells[position] if position < len(row.cells) else ""
            text, formula = cell_text(raw, checked_as_phone=column == "phone")
            if formula:
                report.add(row.line, column, formula_refusal(text))
                sound = False
            elif len(text) > MAX_LENGTHS.get(column, 2000):
                limit = MAX_LENGTHS.get(column, 2000)
                report.add(row.line, column, f"Longer than {limit} characters.")
                sound = False
            cells[column] = text
        if sound:
            rows.append(TableRow(row.line, cells))
    return rows


def name_key(name: str) -> str:
    """Names as people compare them: case and spacing aside."""
    return " ".join(name.split()).casefold()


def group_by_customer(rows: list[TableRow], report: Report) -> list[list[TableRow]]:
    """Rows of one customer together: by customer code, else by name, in the table's order.

    A row without a code joins the coded customer of the same name, if there is just one.
    """
    groups: dict[str, list[TableRow]] = {}
    codes_of_name: dict[str, set[str]] = defaultdict(set)
    uncoded: list[TableRow] = []
    for row in rows:
        if not row["customer"]:
            report.add(row.line, "customer", "Every row needs the customer it is about.")
        elif not row["customer_code"]:
            uncoded.append(row)
        elif code := report.check(row.line, "customer_code", customer_code, row["customer_code"]):
            group = groups.setdefault(f"code:{code}", [])
            if group and name_key(group[0]["customer"]) != name_key(row["customer"]):
                report.add(
                    row.line,
                    "customer_code",
                    f"Code {code} is {group[0]['customer']!r} on row {group[0].line}.",
                )
                continue
            group.append(row)
            codes_of_name[name_key(row["customer"])].add(code)
    for row in uncoded:
        codes = sorted(codes_of_name.get(name_key(row["customer"]), ()))
        if len(codes) > 1:
            report.add(
                row.line,
                "customer_code",
                f"Customers {', '.join(codes)} share this name; say which one in customer_code.",
            )
            continue
        key = f"code:{codes[0]}" if codes else f"name:{name_key(row['customer'])}"
        groups.setdefault(key, []).append(row)
    ordered = [sorted(group, key=lambda r: r.line) for group in groups.values()]
    return sorted(ordered, key=lambda group: group[0].line)
