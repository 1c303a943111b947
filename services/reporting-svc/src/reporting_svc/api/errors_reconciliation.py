"""Problem details for the reconciliation report's refusals."""

from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType
from reporting_svc.projections.reconciliations import InvalidPeriod

RECONCILIATION_ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidPeriod: ProblemType(422, "invalid-period", "The period ends before it starts"),
}
