from collections_svc.domain.case import CaseNotFound
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    CaseNotFound: ProblemType(404, "case-not-found", "No such collection case"),
}
