"""The one table from customer-svc's domain errors to problem details."""

from customer_svc.api.errors_complaints import COMPLAINT_ERRORS
from customer_svc.api.errors_contracts import CONTRACT_ERRORS
from customer_svc.api.errors_import import IMPORT_ERRORS
from customer_svc.api.errors_profile import PROFILE_ERRORS
from customer_svc.domain.customers.customer import (
    CustomerNotFound,
    InvalidPaymentTerms,
    UnsupportedCurrency,
)
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import Problem, ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    UnsupportedCurrency: ProblemType(422, "unsupported-currency", "The currency is not supported"),
    InvalidPaymentTerms: ProblemType(422, "invalid-payment-terms", "Invalid payment terms"),
    CustomerNotFound: ProblemType(404, "customer-not-found", "No such customer"),
    **CONTRACT_ERRORS,
    **COMPLAINT_ERRORS,
    **PROFILE_ERRORS,
    **IMPORT_ERRORS,
}


def conflict(error: DomainError, **pointer: str) -> Problem:
    """`error` as the problem ERRORS maps it to, pointing at the record that already holds the
    value with an RFC 9457 extension member (e.g. `existing_customer_id`)."""
    errors = [{"field": error.field, "message": error.message}] if error.field else None
    return Problem(ERRORS[type(error)], error.message, errors=errors, members=pointer)
