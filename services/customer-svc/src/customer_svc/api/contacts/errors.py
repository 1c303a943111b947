"""Problem types of a customer's contacts: their rows of customer-svc's one ERRORS table."""

from customer_svc.domain.contacts import (
    ContactNotFound,
    ContactUnreachable,
    InvalidEmail,
    InvalidPhoneNumber,
    StaleContact,
)
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

CONTACT_ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidPhoneNumber: ProblemType(422, "invalid-phone-number", "Invalid phone number"),
    InvalidEmail: ProblemType(422, "invalid-email", "Invalid email address"),
    ContactUnreachable: ProblemType(422, "contact-unreachable", "The contact needs an email"),
    ContactNotFound: ProblemType(404, "contact-not-found", "No such contact"),
    StaleContact: ProblemType(412, "stale-contact", "The contact changed meanwhile"),
}
