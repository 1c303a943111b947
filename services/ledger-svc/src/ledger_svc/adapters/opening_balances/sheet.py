"""An uploaded file of opening balances, read by the table reader every import uses: CSV
(UTF-8 or GB18030) or XLSX, streamed and refused as soon as it passes MAX_ROWS. What cannot
be read goes in the report, where the file's other errors go."""

from collections.abc import Sequence

from ledger_svc.domain.invoicing.invoice_import import ErrorReport
from ledger_svc.domain.opening_balances.rows import MAX_ROWS
from ledgerflow_platform.tables.reading import (
    NotText,
    TableTooLong,
    UnreadableTable,
    UnsupportedTable,
    read_rows,
)

ENCODINGS = ("utf-8-sig", "gb18030")


def read_table(
    report: ErrorReport, content: bytes, filename: str | None
) -> list[tuple[int, Sequence[str]]]:
    """(spreadsheet row, cells) of every row, the header first; [] if the file is unreadable."""
    try:
        return [
            (row.line, row.cells)
            for row in read_rows(content, filename, max_rows=MAX_ROWS, encodings=ENCODINGS)
        ]
    except NotText as exc:
        report.add(0, None, f"The file is neither UTF-8 nor GB18030 text (byte {exc.offset}).")
    except UnreadableTable as exc:
        report.add(exc.line or 0, None, f"Not readable as a table: {exc.message}")
    except (UnsupportedTable, TableTooLong) as exc:
        report.add(0, None, exc.message)
    return []
