"""Problem types of the journal and invoice features' domain errors."""

from ledger_svc.domain.books.journal import InvalidJournalQuery
from ledger_svc.domain.invoicing.invoice import InvoiceNotVoidable, VoidBeforeIssue
from ledger_svc.domain.invoicing.pricing import InvalidDiscount, InvalidTaxRate
from ledger_svc.domain.invoicing.terms import InvalidTerms
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

INVOICING_ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidDiscount: ProblemType(422, "invalid-discount", "Not a discount the line allows"),
    InvalidTaxRate: ProblemType(422, "invalid-tax-rate", "Not a tax rate"),
    InvalidTerms: ProblemType(422, "invalid-terms", "Not payment terms the ledger can schedule"),
    InvoiceNotVoidable: ProblemType(409, "invoice-not-voidable", "The invoice cannot be voided"),
    VoidBeforeIssue: ProblemType(422, "void-before-issue", "The void is dated before the issue"),
    InvalidJournalQuery: ProblemType(422, "invalid-journal-query", "Not a journal search"),
}
