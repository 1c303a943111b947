"""An uploaded invoice file, read by the table reader every import uses: UTF-8 CSV only, its
records streamed, and refused as soon as it passes MAX_ROWS. What cannot be read goes in the
report, where the import's other errors go."""

from collections.abc import Iterator

from ledger_svc.domain.invoicing.invoice_import import ErrorReport
from ledgerflow_platform.tables.reading import (
    NotText,
    TableFormat,
    TableTooLong,
    UnreadableTable,
    UnsupportedTable,
    read_rows,
)

# 50 MiB of CSV (the upload cap) holds about this many invoice lines.
MAX_ROWS = 500_000


def invoice_file_records(report: ErrorReport, data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row, cells) of every record that holds any, the header first."""
    found = read_rows(data, max_rows=MAX_ROWS, formats=(TableFormat.CSV,), delimiters=",")
    try:
        for row in found:
            if row.cells:
                yield row.line, list(row.cells)
    except NotText as exc:
        report.add(0, None, f"The file is not UTF-8 text (byte {exc.offset} cannot be read).")
    except UnreadableTable as exc:
        report.add(exc.line or 0, None, f"Not readable as CSV: {exc.message}")
    except (UnsupportedTable, TableTooLong) as exc:
        report.add(0, None, exc.message)
