from collections_svc.domain.notice import NoticeNotALetter, NoticeNotFound
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    NoticeNotFound: ProblemType(404, "notice-not-found", "No such dunning notice"),
    NoticeNotALetter: ProblemType(409, "notice-not-a-letter", "The notice is not a letter"),
}
