"""An uploaded table, CSV or XLSX, as rows of text cells numbered as a spreadsheet shows them,
read by the table reader every import uses (ledgerflow_platform.tables): streamed, and refused
as soon as it passes the import's row cap. A cell a spreadsheet would compute is refused with
the rest of the file's errors (domain/opening_balances/rows.py): a balance must be a value.
"""

from collections.abc import Sequence

from ledger_svc.domain.opening_balances.rows import MAX_ROWS
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.tables import reading

CSV_ENCODINGS = ("utf-8-sig", "gb18030")


class UnreadableTable(DomainError):
    """An upload that is not a CSV or XLSX table we can read."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


def read_table(content: bytes, filename: str | None) -> list[tuple[int, Sequence[str]]]:
    """The first sheet of an .xlsx (by name or content), else CSV in UTF-8 or GB18030."""
    try:
        found = reading.read_rows(content, filename, max_rows=MAX_ROWS, encodings=CSV_ENCODINGS)
        return [(row.line, row.cells) for row in found]
    except (reading.UnreadableTable, reading.UnsupportedTable, reading.TableTooLong) as exc:
        raise UnreadableTable(exc.message) from exc
