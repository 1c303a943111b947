from collections_svc.domain.pause import PauseAlreadyEnded, PauseEndsBeforeItStarts, PauseNotFound
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    PauseNotFound: ProblemType(404, "dunning-pause-not-found", "No such dunning pause"),
    PauseAlreadyEnded: ProblemType(409, "dunning-pause-ended", "The dunning pause already ended"),
    PauseEndsBeforeItStarts: ProblemType(
        422, "dunning-pause-ends-before-start", "The pause would end before it starts"
    ),
}
