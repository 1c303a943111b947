from collections_svc.domain.performance import PeriodBackwards
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    PeriodBackwards: ProblemType(422, "period-backwards", "The period ends before it starts"),
}
