"""Facts published by ledger-svc on ledger.events."""

from ledgerflow_events.contracts.ledger.adjustments import (
    CreditNoteIssued,
    InvoiceWrittenOff,
    LateFeeCharged,
    RefundCancelled,
    RefundPaid,
    RefundRequested,
)
from ledgerflow_events.contracts.ledger.bank_statements import (
    RECONCILIATION_STREAM,
    LedgerMovement,
    ReconciliationCounts,
    StatementDiscrepancy,
    StatementReconciled,
)
from ledgerflow_events.contracts.ledger.invoices import (
    InvoiceInstalment,
    InvoiceIssued,
    InvoiceOverdue,
    InvoicePaid,
    InvoiceTotals,
    InvoiceVoided,
)
from ledgerflow_events.contracts.ledger.payments import (
    CreditDrawn,
    PaymentAllocated,
    PaymentAllocation,
    PaymentReceived,
    PaymentReversed,
    ReopenedInvoice,
)

__all__ = [
    "RECONCILIATION_STREAM",
    "CreditDrawn",
    "CreditNoteIssued",
    "InvoiceInstalment",
    "InvoiceIssued",
    "InvoiceOverdue",
    "InvoicePaid",
    "InvoiceTotals",
    "InvoiceVoided",
    "InvoiceWrittenOff",
    "LateFeeCharged",
    "LedgerMovement",
    "PaymentAllocated",
    "PaymentAllocation",
    "PaymentReceived",
    "PaymentReversed",
    "ReconciliationCounts",
    "RefundCancelled",
    "RefundPaid",
    "RefundRequested",
    "ReopenedInvoice",
    "StatementDiscrepancy",
    "StatementReconciled",
]
