"""The one table from ledger-svc's domain errors to problem details."""

from ledger_svc.api.errors_adjustments import ADJUSTMENT_ERRORS
from ledger_svc.api.errors_invoicing import INVOICING_ERRORS
from ledger_svc.api.errors_payments import PAYMENT_ERRORS
from ledger_svc.api.errors_reconciliation import RECONCILIATION_ERRORS
from ledger_svc.api.errors_statements import STATEMENT_ERRORS
from ledger_svc.domain.account import CurrencyMismatch, CustomerAccountNotFound, UnknownCustomer
from ledger_svc.domain.amounts import InvalidAmount
from ledger_svc.domain.invoicing.invoice import (
    DueBeforeIssue,
    InvoiceNotFound,
    InvoiceTotalNotPositive,
)
from ledger_svc.domain.invoicing.pricing import InvalidQuantity
from ledger_svc.domain.payments.payment import PaymentNotFound
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    UnknownCustomer: ProblemType(422, "unknown-customer", "The ledger has no such customer"),
    CurrencyMismatch: ProblemType(
        422, "currency-mismatch", "Not the currency of the customer's account"
    ),
    InvalidAmount: ProblemType(422, "invalid-amount", "Not an amount the ledger can record"),
    InvalidQuantity: ProblemType(422, "invalid-quantity", "Not a valid line quantity"),
    DueBeforeIssue: ProblemType(422, "due-before-issue", "The due date is before the issue date"),
    InvoiceTotalNotPositive: ProblemType(
        422, "invoice-total-not-positive", "The invoice adds up to nothing"
    ),
    CustomerAccountNotFound: ProblemType(404, "customer-not-found", "No such customer account"),
    InvoiceNotFound: ProblemType(404, "invoice-not-found", "No such invoice"),
    PaymentNotFound: ProblemType(404, "payment-not-found", "No such payment"),
    **INVOICING_ERRORS,
    **PAYMENT_ERRORS,
    **ADJUSTMENT_ERRORS,
    **STATEMENT_ERRORS,
    **RECONCILIATION_ERRORS,
}
