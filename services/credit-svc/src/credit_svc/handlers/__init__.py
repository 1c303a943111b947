"""The facts credit-svc follows: registrations open accounts, the ledger moves exposure."""

from credit_svc.handlers.on_credit_note_issued import on_credit_note_issued
from credit_svc.handlers.on_customer_registered import on_customer_registered
from credit_svc.handlers.on_invoice_issued import on_invoice_issued
from credit_svc.handlers.on_invoice_overdue import on_invoice_overdue
from credit_svc.handlers.on_invoice_paid import on_invoice_paid
from credit_svc.handlers.on_invoice_voided import on_invoice_voided
from credit_svc.handlers.on_invoice_written_off import on_invoice_written_off
from credit_svc.handlers.on_payment_allocated import on_payment_allocated
from credit_svc.handlers.on_payment_received import on_payment_received
from credit_svc.handlers.on_payment_reversed import on_payment_reversed
from ledgerflow_events.contracts import (
    CustomerRegistered,
    InvoiceIssued,
    InvoiceOverdue,
    InvoicePaid,
    PaymentReceived,
)
from ledgerflow_events.contracts.ledger_adjustments import CreditNoteIssued, InvoiceWrittenOff
from ledgerflow_events.contracts.ledger_invoicing import InvoiceVoided
from ledgerflow_events.contracts.ledger_payments import PaymentAllocated, PaymentReversed
from ledgerflow_events.inbox import Handler

HANDLERS: dict[str, Handler] = {
    CustomerRegistered.event_type(): on_customer_registered,
    InvoiceIssued.event_type(): on_invoice_issued,
    PaymentReceived.event_type(): on_payment_received,
    InvoicePaid.event_type(): on_invoice_paid,
    InvoiceOverdue.event_type(): on_invoice_overdue,
    InvoiceVoided.event_type(): on_invoice_voided,
    CreditNoteIssued.event_type(): on_credit_note_issued,
    InvoiceWrittenOff.event_type(): on_invoice_written_off,
    PaymentReversed.event_type(): on_payment_reversed,
    PaymentAllocated.event_type(): on_payment_allocated,
}
