"""The finance customer table: its columns as people head them, and what its cells may hold.

One row is one contract line of a customer, as finance keeps it in a spreadsheet: the customer,
a contact, the project and contract, what was paid and what is still open.
"""

from dataclasses import dataclass

import phonenumbers

from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.tables import formulas

COLUMNS = (
    "customer",
    "customer_code",
    "country",
    "tax_id",
    "currency",
    "payment_terms_days",
    "contact",
    "phone",
    "email",
    "project",
    "contract_number",
    "contract_date",
    "contract_total",
    "contract_currency",
    "contract_payment_terms_days",
    "paid",
    "unpaid",
    "payment_cycle",
    "notes",
    "allow_duplicate_name",
)
# Optional columns may be left out of a sheet; the cells of every column may be empty.
REQUIRED_COLUMNS = (
    "customer",
    "contact",
    "phone",
    "email",
    "project",
    "contract_date",
    "contract_total",
    "payment_cycle",
    "notes",
)
# Reporting owns what was paid and what is open: an import reads past these columns.
IGNORED_COLUMNS = frozenset({"paid", "unpaid"})
# An instruction to the import, not part of the customer's file.
IMPORT_ONLY_COLUMNS = frozenset({"allow_duplicate_name"})
EXPORTED_COLUMNS = tuple(
    c for c in COLUMNS if c not in IGNORED_COLUMNS and c not in IMPORT_ONLY_COLUMNS
)
# Cells a spreadsheet would run as a formula rather than show as text: as every import judges them.
FORMULA_STARTS = formulas.FORMULA_STARTS
SIGNED_STARTS = formulas.SIGNED_STARTS
neutralized = formulas.neutralized


class UnsupportedSpreadsheet(DomainError):
    """The upload is not a CSV or XLSX file."""


class UnreadableSpreadsheet(DomainError):
    """The file says it is a CSV or XLSX but cannot be read as one."""


class TableTooLong(DomainError):
    """The table has more rows than one import takes."""


class CustomerTableRejected(DomainError):
    """Some cells of the table are wrong; nothing of it was imported."""

    def __init__(self, errors: list["CellError"]) -> None:
        super().__init__(f"The table has {len(errors)} errors; nothing was imported.")
        self.errors = sorted(errors, key=lambda e: (e.row, e.column))


class TableConflictsWithFile(DomainError):
    """A customer or contract of the table was filed by someone else while it was imported."""


@dataclass(frozen=True)
class CellError:
    """What is wrong with one cell, where the user sees it: sheet row (header = 1) and column."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class SheetRow:
    """A row of the sheet as read, its cells as text in header order."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    """A sheet as read: its header row and the rows below it that hold anything."""

    header: tuple[str, ...]
    rows: tuple[SheetRow, ...]


def _is_phone(text: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, None))
    except phonenumbers.NumberParseException:
        return False


def cell_text(raw: str, *, checked_as_phone: bool = False) -> tuple[str, bool]:
    """The cell's text, and whether a spreadsheet would run it as a formula (formulas.py).

    A signed cell that is a number or a phone number is data; `checked_as_phone` leaves that
    to the phone column's own check."""
    if checked_as_phone:
        return formulas.cell_text(raw, signed_data=lambda _: True)
    return formulas.cell_text(
        raw, signed_data=lambda text: formulas.is_number(text) or _is_phone(text)
    )
