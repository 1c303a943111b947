"""Problem types of the statement and bulk invoice import features' domain errors."""

from ledger_svc.domain.invoicing.invoice_import import (
    DuplicateInvoiceImport,
    InvoiceFileTooLarge,
    InvoiceImportNotFound,
    InvoiceImportRejected,
)
from ledger_svc.domain.statements.statement import InvalidStatementPeriod
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

STATEMENT_ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidStatementPeriod: ProblemType(
        422, "invalid-statement-period", "The statement period ends before it starts"
    ),
    InvoiceImportRejected: ProblemType(
        422, "invoice-import-rejected", "The invoice file has errors; nothing was imported"
    ),
    DuplicateInvoiceImport: ProblemType(
        409, "duplicate-invoice-import", "This invoice file was already imported"
    ),
    InvoiceFileTooLarge: ProblemType(
        413, "invoice-file-too-large", "The invoice file is too large"
    ),
    InvoiceImportNotFound: ProblemType(404, "invoice-import-not-found", "No such invoice import"),
}
