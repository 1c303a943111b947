"""Problem types of complaints: their rows of customer-svc's one ERRORS table."""

from customer_svc.domain.complaints.complaint import (
    BlankComplaintText,
    ComplaintAlreadyResolved,
    ComplaintCustomerUnknown,
    ComplaintNotFound,
    ImplausibleComplaintTime,
)
from customer_svc.domain.complaints.stats import InvalidStatsWindow
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

COMPLAINT_ERRORS: dict[type[DomainError], ProblemType] = {
    ComplaintNotFound: ProblemType(404, "complaint-not-found", "No such complaint"),
    ComplaintCustomerUnknown: ProblemType(422, "unknown-customer", "No such customer"),
    ComplaintAlreadyResolved: ProblemType(
        409, "complaint-resolved", "The complaint is resolved already"
    ),
    ImplausibleComplaintTime: ProblemType(
        422, "implausible-complaint-time", "That time cannot be right for this complaint"
    ),
    BlankComplaintText: ProblemType(422, "validation-error", "The request is not valid"),
    InvalidStatsWindow: ProblemType(422, "invalid-window", "The reporting window is not valid"),
}
