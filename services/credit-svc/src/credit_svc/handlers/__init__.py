"""The facts credit-svc follows: registrations open accounts, the ledger moves exposure."""

from credit_svc.handlers.on_customer_registered import on_customer_registered
from credit_svc.handlers.on_invoice_issued import on_invoice_issued
from credit_svc.handlers.on_invoice_overdue import on_invoice_overdue
from credit_svc.handlers.on_invoice_paid import on_invoice_paid
from credit_svc.handlers.on_invoice_voided import on_invoice_voided
from credit_svc.handlers.on_payment_received import on_payment_received
from ledgerflow_events.contracts import (
    CustomerRegistered,
    InvoiceIssued,
    InvoiceOverdue,
    InvoicePaid,
    PaymentReceived,
)
from ledgerflow_events.contracts.ledger_invoicing import InvoiceVoided
from ledgerflow_events.inbox import Handler

HANDLERS: dict[str, Handler] = {
    CustomerRegistered.event_type(): on_customer_registered,
    InvoiceIssued.event_type(): on_invoice_issued,
    PaymentReceived.event_type(): on_payment_received,
    InvoicePaid.event_type(): on_invoice_paid,
    InvoiceOverdue.event_type(): on_invoice_overdue,
    InvoiceVoided.event_type(): on_invoice_voided,
}
