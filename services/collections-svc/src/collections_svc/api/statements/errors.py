from collections_svc.domain.statement_run import StatementPeriodInvalid, StatementRunNotFound
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    StatementPeriodInvalid: ProblemType(
        422, "statement-period-invalid", "The statement period is not a period of at most a year"
    ),
    StatementRunNotFound: ProblemType(404, "statement-run-not-found", "No such statement run"),
}
