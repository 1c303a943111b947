"""The one table from collections-svc's domain errors to problem details, merged from the
features' own tables."""

from collections_svc.api.cases.errors import ERRORS as CASES
from collections_svc.api.disputes.errors import ERRORS as DISPUTES
from collections_svc.api.notices.errors import ERRORS as NOTICES
from collections_svc.api.pauses.errors import ERRORS as PAUSES
from collections_svc.api.plans.errors import ERRORS as PLANS
from collections_svc.api.policies.errors import ERRORS as POLICIES
from collections_svc.api.promises.errors import ERRORS as PROMISES
from collections_svc.api.reports.errors import ERRORS as REPORTS
from collections_svc.api.runs.errors import ERRORS as RUNS
from collections_svc.api.statements.errors import ERRORS as STATEMENTS
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    **CASES,
    **POLICIES,
    **RUNS,
    **NOTICES,
    **PAUSES,
    **DISPUTES,
    **PROMISES,
    **PLANS,
    **REPORTS,
    **STATEMENTS,
}
