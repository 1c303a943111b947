"""Problem types of accounting periods: closed, not ready to close, not closed."""

from ledger_svc.domain.periods.accounting_period import (
    InvalidPeriod,
    PeriodAlreadyClosed,
    PeriodClosed,
    PeriodNotClosed,
    PeriodNotOver,
)
from ledger_svc.domain.periods.period_close import PeriodNotReady
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

PERIOD_ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidPeriod: ProblemType(422, "invalid-period", "Not an accounting period"),
    PeriodClosed: ProblemType(409, "period-closed", "The accounting period is closed"),
    PeriodNotReady: ProblemType(409, "period-not-ready", "The period's checks do not pass"),
    PeriodNotOver: ProblemType(409, "period-not-over", "The period has not ended"),
    PeriodAlreadyClosed: ProblemType(409, "period-already-closed", "The period is closed"),
    PeriodNotClosed: ProblemType(409, "period-not-closed", "The period is open"),
}
