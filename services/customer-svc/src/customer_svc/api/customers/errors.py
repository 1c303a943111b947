"""Problem types of the customer file: its rows of customer-svc's one ERRORS table."""

from customer_svc.domain.customers.account_standing import CurrencyInUse
from customer_svc.domain.customers.customer import (
    CustomerNotFound,
    InvalidPaymentTerms,
    UnsupportedCurrency,
)
from customer_svc.domain.customers.lifecycle import (
    CustomerClosed,
    IllegalStatusTransition,
    InvalidInitialStatus,
)
from customer_svc.domain.customers.names import DuplicateCustomerName
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

CUSTOMER_ERRORS: dict[type[DomainError], ProblemType] = {
    UnsupportedCurrency: ProblemType(422, "unsupported-currency", "The currency is not supported"),
    InvalidPaymentTerms: ProblemType(422, "invalid-payment-terms", "Invalid payment terms"),
    CustomerNotFound: ProblemType(404, "customer-not-found", "No such customer"),
    UnknownCountry: ProblemType(422, "unknown-country", "Not an ISO 3166 country code"),
    InvalidTaxId: ProblemType(422, "invalid-tax-id", "The tax id is not valid for its country"),
    TaxIdNeedsCountry: ProblemType(422, "tax-id-needs-country", "A tax id needs its country"),
    DuplicateTaxId: ProblemType(409, "duplicate-tax-id", "Another customer has this tax id"),
    InvalidCustomerCode: ProblemType(422, "invalid-customer-code", "Invalid customer code"),
    CustomerCodeTaken: ProblemType(409, "customer-code-taken", "The customer code is taken"),
    CurrencyInUse: ProblemType(
        409, "currency-in-use", "The ledger holds amounts in the customer's currency"
    ),
    DuplicateCustomerName: ProblemType(
        409, "duplicate-customer-name", "A customer of the same legal name is on file"
    ),
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
}
