"""The one table from customer-svc's domain errors to problem details, merged from the rows
each feature keeps in its own errors.py."""

from customer_svc.api.bank_accounts.errors import BANK_ACCOUNT_ERRORS
from customer_svc.api.complaints.errors import COMPLAINT_ERRORS
from customer_svc.api.contacts.errors import CONTACT_ERRORS
from customer_svc.api.contracts.errors import CONTRACT_ERRORS
from customer_svc.api.customer_table.errors import CUSTOMER_TABLE_ERRORS
from customer_svc.api.customers.errors import CUSTOMER_ERRORS
from customer_svc.api.personal_data.errors import PERSONAL_DATA_ERRORS
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import Problem, ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    **CUSTOMER_ERRORS,
    **CONTACT_ERRORS,
    **BANK_ACCOUNT_ERRORS,
    **CONTRACT_ERRORS,
    **COMPLAINT_ERRORS,
    **CUSTOMER_TABLE_ERRORS,
    **PERSONAL_DATA_ERRORS,
}


def conflict(error: DomainError, **pointer: str) -> Problem:
    """`error` as the problem ERRORS maps it to, pointing at the record that already holds the
    value with an RFC 9457 extension member (e.g. `existing_customer_id`)."""
    errors = [{"field": error.field, "message": error.message}] if error.field else None
    return Problem(ERRORS[type(error)], error.message, errors=errors, members=pointer)
