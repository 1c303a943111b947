from collections_svc.domain.assignment import InvalidRules
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidRules: ProblemType(422, "invalid-assignment-rules", "The assignment rules are invalid"),
}
