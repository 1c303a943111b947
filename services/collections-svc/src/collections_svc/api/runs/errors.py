from collections_svc.domain.dunning_run import RunAfterBusinessDate, RunBeforeLatest
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    RunBeforeLatest: ProblemType(
        409, "dunning-run-before-latest", "A later dunning run already happened"
    ),
    RunAfterBusinessDate: ProblemType(
        422, "dunning-run-after-business-date", "A dunning run cannot be dated in the future"
    ),
}
