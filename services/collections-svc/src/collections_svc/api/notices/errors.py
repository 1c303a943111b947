from collections_svc.domain.notice import NoticeNotFound
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    NoticeNotFound: ProblemType(404, "notice-not-found", "No such dunning notice"),
}
