"""The events reporting-svc projects into its tables, by CloudEvents type.

InvoicePaid and InvoiceOverdue are left out on purpose: aging is computed from issue and due
dates and dated payments, so those facts add nothing to it. Late fees arrive as their own
invoices, and refunds move customer credit, not receivables: they are left out too.
"""

from ledgerflow_events.contracts import CustomerRegistered, InvoiceIssued, PaymentReceived
from ledgerflow_events.contracts.ledger_adjustments import CreditNoteIssued, InvoiceWrittenOff
from ledgerflow_events.contracts.ledger_invoicing import InvoiceVoided
from ledgerflow_events.contracts.ledger_payments import PaymentAllocated, PaymentReversed
from ledgerflow_events.contracts.ledger_reconciliation import StatementReconciled
from ledgerflow_events.inbox import Handler
from reporting_svc.handlers.on_credit_note_issued import on_credit_note_issued
from reporting_svc.handlers.on_customer_registered import on_customer_registered
from reporting_svc.handlers.on_invoice_issued import on_invoice_issued
from reporting_svc.handlers.on_invoice_voided import on_invoice_voided
from reporting_svc.handlers.on_invoice_written_off import on_invoice_written_off
from reporting_svc.handlers.on_payment_allocated import on_payment_allocated
from reporting_svc.handlers.on_payment_received import on_payment_received
from reporting_svc.handlers.on_payment_reversed import on_payment_reversed
from reporting_svc.handlers.on_statement_reconciled import on_statement_reconciled

HANDLERS: dict[str, Handler] = {
    CustomerRegistered.event_type(): on_customer_registered,
    InvoiceIssued.event_type(): on_invoice_issued,
    PaymentReceived.event_type(): on_payment_received,
    InvoiceVoided.event_type(): on_invoice_voided,
    CreditNoteIssued.event_type(): on_credit_note_issued,
    InvoiceWrittenOff.event_type(): on_invoice_written_off,
    PaymentReversed.event_type(): on_payment_reversed,
    PaymentAllocated.event_type(): on_payment_allocated,
    StatementReconciled.event_type(): on_statement_reconciled,
}
