from collections_svc.domain.case import CaseClosedAlready, CaseNotFound
from collections_svc.domain.case_work import ActivityAfterNow, NotYourCase, OthersWorklist
from collections_svc.domain.legal import CaseNotInLegal
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    CaseNotFound: ProblemType(404, "case-not-found", "No such collection case"),
    CaseNotInLegal: ProblemType(
        404, "case-not-in-legal", "The case has not been escalated to legal"
    ),
    CaseClosedAlready: ProblemType(409, "case-closed", "The collection case is closed"),
    NotYourCase: ProblemType(403, "not-your-case", "The case is assigned to another collector"),
    OthersWorklist: ProblemType(
        403, "not-your-cases", "A collector sees only the cases assigned to them"
    ),
    ActivityAfterNow: ProblemType(
        422, "activity-in-the-future", "An activity is logged once it has happened"
    ),
}
