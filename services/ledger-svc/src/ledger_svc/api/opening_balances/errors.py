"""Problem types of opening balances: a refused file answers with its per-row report."""

from ledger_svc.domain.invoicing.invoice_import import InvoiceImportRejected
from ledger_svc.domain.opening_balances.plan import OpeningBalancesRejected
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import Problem, ProblemType

OPENING_BALANCE_ERRORS: dict[type[DomainError], ProblemType] = {
    OpeningBalancesRejected: ProblemType(
        422, "opening-balances-rejected", "The opening balances have errors; nothing was posted"
    ),
}


def rejected_with_report(rejected: InvoiceImportRejected, kind: ProblemType) -> Problem:
    """A refused file, every error listed by row and column, and how many there are."""
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
        kind, rejected.message, members={"error_count": rejected.error_count, "errors": errors}
    )
