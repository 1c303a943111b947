"""Problem types of cash application's domain errors: payments, reversals, credit applied."""

from ledger_svc.domain.payments.cash_application import (
    InvoiceNotPayable,
    OverAllocation,
    UnknownInvoice,
)
from ledger_svc.domain.payments.credit_application import NoCreditToApply, NothingToSettle
from ledger_svc.domain.payments.payment import PaymentNotFound
from ledger_svc.domain.payments.payment_reversal import (
    PaymentAlreadyReversed,
    PaymentCreditAlreadyUsed,
    ReversalBeforeReceipt,
)
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

PAYMENT_ERRORS: dict[type[DomainError], ProblemType] = {
    PaymentNotFound: ProblemType(404, "payment-not-found", "No such payment"),
    UnknownInvoice: ProblemType(422, "unknown-invoice", "The payment names no invoice we have"),
    InvoiceNotPayable: ProblemType(
        422, "invoice-not-payable", "The payment cannot be applied to this invoice"
    ),
    OverAllocation: ProblemType(422, "over-allocation", "More applied than is owed or was paid"),
    PaymentAlreadyReversed: ProblemType(
        409, "payment-already-reversed", "The payment was already reversed"
    ),
    PaymentCreditAlreadyUsed: ProblemType(
        409, "payment-credit-already-used", "The payment's credit was applied or refunded"
    ),
    ReversalBeforeReceipt: ProblemType(
        422, "reversal-before-receipt", "The reversal is dated before the payment"
    ),
    NoCreditToApply: ProblemType(409, "no-credit-to-apply", "The customer holds no credit"),
    NothingToSettle: ProblemType(409, "nothing-to-settle", "The customer owes nothing open"),
}
