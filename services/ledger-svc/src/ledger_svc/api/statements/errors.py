"""Problem types of the statement of account's domain errors."""

from ledger_svc.domain.statements.party import CustomerFileUnavailable
from ledger_svc.domain.statements.statement import InvalidStatementPeriod
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

STATEMENT_ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidStatementPeriod: ProblemType(
        422, "invalid-statement-period", "The statement period ends before it starts"
    ),
    CustomerFileUnavailable: ProblemType(
        502, "customer-file-unavailable", "customer-svc did not give the customer's file"
    ),
}
