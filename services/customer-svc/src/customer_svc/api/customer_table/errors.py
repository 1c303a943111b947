"""Problem types of importing and exporting the finance customer table: its rows of
customer-svc's one ERRORS table."""

from customer_svc.domain.customer_table.table import (
    CustomerTableRejected,
    TableConflictsWithFile,
    TableTooLong,
    UnreadableSpreadsheet,
    UnsupportedSpreadsheet,
)
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

CUSTOMER_TABLE_ERRORS: dict[type[DomainError], ProblemType] = {
    CustomerTableRejected: ProblemType(
        422, "customer-table-rejected", "Rows of the table are wrong; nothing was imported"
    ),
    UnreadableSpreadsheet: ProblemType(
        422, "unreadable-spreadsheet", "The file cannot be read as a CSV or XLSX table"
    ),
    UnsupportedSpreadsheet: ProblemType(
        415, "unsupported-spreadsheet", "Upload the table as a .csv or .xlsx file"
    ),
    TableTooLong: ProblemType(422, "table-too-long", "The table has too many rows for one import"),
    TableConflictsWithFile: ProblemType(
        409, "customer-table-conflict", "The table clashes with records filed meanwhile"
    ),
}
