"""The one table from reporting-svc's domain errors to problem details.

Reports refuse malformed queries, which the platform maps already, and report periods that
end before they start.
"""

from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType
from reporting_svc.api.errors_reconciliation import RECONCILIATION_ERRORS

ERRORS: dict[type[DomainError], ProblemType] = {**RECONCILIATION_ERRORS}
