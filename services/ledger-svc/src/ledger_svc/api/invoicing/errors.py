"""Problem types of invoicing's domain errors: invoices, their pricing and terms, voids and
bulk imports (a refused import answers with its per-row report)."""

from ledger_svc.domain.invoicing.invoice import (
    DueBeforeIssue,
    InvoiceNotFound,
    InvoiceNotVoidable,
    InvoiceTotalNotPositive,
    VoidBeforeIssue,
)
from ledger_svc.domain.invoicing.invoice_import import (
    DuplicateInvoiceImport,
    InvoiceFileTooLarge,
    InvoiceImportNotFound,
    InvoiceImportRejected,
)
from ledger_svc.domain.invoicing.pricing import InvalidDiscount, InvalidQuantity, InvalidTaxRate
from ledger_svc.domain.invoicing.terms import InvalidTerms
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import Problem, ProblemType

INVOICING_ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidQuantity: ProblemType(422, "invalid-quantity", "Not a valid line quantity"),
    DueBeforeIssue: ProblemType(422, "due-before-issue", "The due date is before the issue date"),
    InvoiceTotalNotPositive: ProblemType(
        422, "invoice-total-not-positive", "The invoice adds up to nothing"
    ),
    InvoiceNotFound: ProblemType(404, "invoice-not-found", "No such invoice"),
    InvalidDiscount: ProblemType(422, "invalid-discount", "Not a discount the line allows"),
    InvalidTaxRate: ProblemType(422, "invalid-tax-rate", "Not a tax rate"),
    InvalidTerms: ProblemType(422, "invalid-terms", "Not payment terms the ledger can schedule"),
    InvoiceNotVoidable: ProblemType(409, "invoice-not-voidable", "The invoice cannot be voided"),
    VoidBeforeIssue: ProblemType(422, "void-before-issue", "The void is dated before the issue"),
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


def import_rejected(rejected: InvoiceImportRejected) -> Problem:
    """The refusal of an import file, every error listed by row and column, and how many
    there are in all."""
    errors = [
        {
            "row": e.row,
            "column": e.column,
            "field": f"rows.{e.row}.{e.column}" if e.row and e.column else "file",
            "message": e.message,
        }
        for e in rejected.errors
    ]
    return Problem(
        INVOICING_ERRORS[InvoiceImportRejected],
        rejected.message,
        members={"error_count": rejected.error_count, "errors": errors},
    )
