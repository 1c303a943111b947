"""The one table from reporting-svc's domain errors to problem details.

Reports refuse only malformed queries, which the platform maps already; nothing here yet.
"""

from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {}
