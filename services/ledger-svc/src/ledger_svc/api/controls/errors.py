"""Problem types of second-person approvals."""

from ledger_svc.domain.controls.approvals import ApprovalNotFound, ApprovalNotPending
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

CONTROL_ERRORS: dict[type[DomainError], ProblemType] = {
    ApprovalNotFound: ProblemType(404, "approval-not-found", "No such approval request"),
    ApprovalNotPending: ProblemType(409, "approval-not-pending", "The request was decided"),
}
