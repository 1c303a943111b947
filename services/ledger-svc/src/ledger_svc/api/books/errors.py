"""Problem types of the books' domain errors: customers' accounts and journal searches."""

from ledger_svc.domain.account import (
    CurrencyMismatch,
    CustomerAccountNotFound,
    CustomerNotInvoiceable,
    UnknownCustomer,
)
from ledger_svc.domain.books.journal import InvalidJournalQuery
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

BOOKS_ERRORS: dict[type[DomainError], ProblemType] = {
    UnknownCustomer: ProblemType(422, "unknown-customer", "The ledger has no such customer"),
    CurrencyMismatch: ProblemType(
        422, "currency-mismatch", "Not the currency of the customer's account"
    ),
    CustomerNotInvoiceable: ProblemType(
        409, "customer-not-invoiceable", "The customer is suspended or closed: no new invoices"
    ),
    CustomerAccountNotFound: ProblemType(404, "customer-not-found", "No such customer account"),
    InvalidJournalQuery: ProblemType(422, "invalid-journal-query", "Not a journal search"),
}
