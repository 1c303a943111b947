"""Problem types of credit notes, refunds, write-offs and late fees."""

from ledger_svc.domain.adjustments.credit_note import (
    CreditExceedsOpenAmount,
    CreditNoteBeforeInvoice,
    CreditNoteNotFound,
    InvoiceNotCreditable,
)
from ledger_svc.domain.adjustments.customer_credit import CustomerNotFound, InsufficientCredit
from ledger_svc.domain.adjustments.late_fee import InvalidLateFeePolicy, LateFeePolicyNotFound
from ledger_svc.domain.adjustments.refund import (
    RefundDatedBeforeRequest,
    RefundNotFound,
    RefundNotPending,
)
from ledger_svc.domain.adjustments.write_off import (
    InvoiceNotWriteOffable,
    WriteOffDatedBeforeRequest,
    WriteOffNotFound,
    WriteOffNotPending,
    WriteOffOutdated,
)
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ADJUSTMENT_ERRORS: dict[type[DomainError], ProblemType] = {
    CreditNoteNotFound: ProblemType(404, "credit-note-not-found", "No such credit note"),
    InvoiceNotCreditable: ProblemType(
        409, "invoice-not-creditable", "The invoice has nothing open to credit"
    ),
    CreditExceedsOpenAmount: ProblemType(
        422, "credit-exceeds-open-amount", "More than the invoice has open"
    ),
    CreditNoteBeforeInvoice: ProblemType(
        422, "credit-note-before-invoice", "The credit note is dated before the invoice"
    ),
    CustomerNotFound: ProblemType(404, "customer-not-found", "No such customer account"),
    InsufficientCredit: ProblemType(
        422, "insufficient-credit", "More than the customer's available credit"
    ),
    RefundNotFound: ProblemType(404, "refund-not-found", "No such refund"),
    RefundNotPending: ProblemType(409, "refund-not-pending", "The refund is already settled"),
    RefundDatedBeforeRequest: ProblemType(
        422, "refund-dated-before-request", "Dated before the refund was requested"
    ),
    WriteOffNotFound: ProblemType(404, "write-off-not-found", "No such write-off"),
    InvoiceNotWriteOffable: ProblemType(
        409, "invoice-not-write-offable", "The invoice cannot be written off"
    ),
    WriteOffNotPending: ProblemType(409, "write-off-not-pending", "The write-off was decided"),
    WriteOffOutdated: ProblemType(
        409, "write-off-outdated", "The invoice's open amount changed since the request"
    ),
    WriteOffDatedBeforeRequest: ProblemType(
        422, "write-off-dated-before-request", "Dated before the request (or the invoice)"
    ),
    InvalidLateFeePolicy: ProblemType(
        422, "invalid-late-fee-policy", "Not a late-fee policy the ledger can apply"
    ),
    LateFeePolicyNotFound: ProblemType(
        404, "late-fee-policy-not-found", "No late-fee policy for this currency"
    ),
}
