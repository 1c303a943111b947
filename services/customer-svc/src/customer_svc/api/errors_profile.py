"""Problem types of the customer file, its contacts and bank accounts."""

from customer_svc.domain.bank_accounts import (
    BankAccountNotFound,
    DuplicateBankAccount,
    InvalidBic,
    InvalidIban,
)
from customer_svc.domain.contacts import (
    ContactNotFound,
    ContactUnreachable,
    InvalidEmail,
    InvalidPhoneNumber,
    StaleContact,
)
from customer_svc.domain.customers.lifecycle import (
    CustomerClosed,
    IllegalStatusTransition,
    InvalidInitialStatus,
)
from customer_svc.domain.customers.places import UnknownCountry
from customer_svc.domain.customers.profile import (
    CustomerCodeTaken,
    CyclicParentCompany,
    DuplicateTaxId,
    InvalidCustomerCode,
    InvalidSegment,
    StaleCustomerFile,
    UnknownParentCompany,
    ValueRequired,
)
from customer_svc.domain.customers.tax_ids import InvalidTaxId, TaxIdNeedsCountry
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

PROFILE_ERRORS: dict[type[DomainError], ProblemType] = {
    UnknownCountry: ProblemType(422, "unknown-country", "Not an ISO 3166 country code"),
    InvalidTaxId: ProblemType(422, "invalid-tax-id", "The tax id is not valid for its country"),
    TaxIdNeedsCountry: ProblemType(422, "tax-id-needs-country", "A tax id needs its country"),
    DuplicateTaxId: ProblemType(409, "duplicate-tax-id", "Another customer has this tax id"),
    InvalidCustomerCode: ProblemType(422, "invalid-customer-code", "Invalid customer code"),
    CustomerCodeTaken: ProblemType(409, "customer-code-taken", "The customer code is taken"),
    InvalidSegment: ProblemType(422, "invalid-segment", "Invalid segment tag"),
    ValueRequired: ProblemType(422, "value-required", "This field cannot be emptied"),
    UnknownParentCompany: ProblemType(422, "unknown-parent-company", "No such parent company"),
    CyclicParentCompany: ProblemType(422, "cyclic-parent-company", "A company cannot own itself"),
    StaleCustomerFile: ProblemType(412, "stale-customer-file", "The customer changed meanwhile"),
    InvalidInitialStatus: ProblemType(422, "invalid-initial-status", "Invalid initial status"),
    IllegalStatusTransition: ProblemType(
        409, "illegal-status-transition", "The customer cannot move to this status"
    ),
    CustomerClosed: ProblemType(409, "customer-closed", "The customer is closed"),
    InvalidPhoneNumber: ProblemType(422, "invalid-phone-number", "Invalid phone number"),
    InvalidEmail: ProblemType(422, "invalid-email", "Invalid email address"),
    ContactUnreachable: ProblemType(422, "contact-unreachable", "The contact needs an email"),
    ContactNotFound: ProblemType(404, "contact-not-found", "No such contact"),
    StaleContact: ProblemType(412, "stale-contact", "The contact changed meanwhile"),
    InvalidIban: ProblemType(422, "invalid-iban", "Invalid IBAN"),
    InvalidBic: ProblemType(422, "invalid-bic", "Invalid BIC"),
    DuplicateBankAccount: ProblemType(
        409, "duplicate-bank-account", "The customer already has this account"
    ),
    BankAccountNotFound: ProblemType(404, "bank-account-not-found", "No such bank account"),
}
