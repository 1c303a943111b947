from collections_svc.domain.dispute import (
    DisputeAlreadyResolved,
    DisputeExceedsInvoice,
    DisputeNotFound,
    InvoiceAlreadyDisputed,
    UnknownInvoice,
)
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    UnknownInvoice: ProblemType(422, "unknown-invoice", "Collections knows no such invoice"),
    DisputeExceedsInvoice: ProblemType(
        422, "dispute-exceeds-invoice", "More is disputed than is open on the invoice"
    ),
    InvoiceAlreadyDisputed: ProblemType(
        409, "invoice-already-disputed", "The invoice already has an open dispute"
    ),
    DisputeNotFound: ProblemType(404, "dispute-not-found", "No such dispute"),
    DisputeAlreadyResolved: ProblemType(
        409, "dispute-already-resolved", "The dispute was already resolved"
    ),
}
