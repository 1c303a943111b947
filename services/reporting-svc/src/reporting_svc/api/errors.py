"""The one table from reporting-svc's domain errors to problem details.

Reports refuse malformed queries, which the platform maps already, bucket edges that do not
increase, and report periods that end before they start.
"""

from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType
from reporting_svc.api.kpi_parameters import InvalidWindow
from reporting_svc.projections.aging.buckets import InvalidBuckets
from reporting_svc.projections.budgets.budgets import InvalidBudget, StaleBudgets
from reporting_svc.projections.packs.period import InvalidPeriodName
from reporting_svc.projections.reconciliation.summaries import InvalidPeriod

ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidPeriod: ProblemType(422, "invalid-period", "The period ends before it starts"),
    InvalidBuckets: ProblemType(422, "invalid-buckets", "The aging buckets are not valid"),
    InvalidWindow: ProblemType(422, "invalid-window", "The report window is not valid"),
    InvalidBudget: ProblemType(422, "invalid-budget", "The collection budget is not valid"),
    StaleBudgets: ProblemType(412, "stale-budgets", "The month's budgets changed meanwhile"),
    InvalidPeriodName: ProblemType(422, "invalid-pack-period", "Not a month or a quarter"),
}
