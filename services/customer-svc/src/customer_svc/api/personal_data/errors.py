"""Problem types of the personal-data access log: none of its own.

Its queries are refused only when malformed, which the platform maps already; its rows of
customer-svc's one ERRORS table would go here.
"""

from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

PERSONAL_DATA_ERRORS: dict[type[DomainError], ProblemType] = {}
