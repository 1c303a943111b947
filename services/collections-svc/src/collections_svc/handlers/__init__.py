"""What collections follows: overdue invoices open cases, payments and voids close them."""

from collections_svc.handlers.on_invoice_issued import on_invoice_issued
from collections_svc.handlers.on_invoice_overdue import on_invoice_overdue
from collections_svc.handlers.on_invoice_paid import on_invoice_paid
from collections_svc.handlers.on_invoice_voided import on_invoice_voided
from collections_svc.handlers.on_payment_received import on_payment_received
from ledgerflow_events.contracts import InvoiceIssued, InvoiceOverdue, InvoicePaid, PaymentReceived
from ledgerflow_events.contracts.ledger_invoicing import InvoiceVoided
from ledgerflow_events.inbox import Handler

HANDLERS: dict[str, Handler] = {
    InvoiceIssued.event_type(): on_invoice_issued,
    PaymentReceived.event_type(): on_payment_received,
    InvoicePaid.event_type(): on_invoice_paid,
    InvoiceOverdue.event_type(): on_invoice_overdue,
    InvoiceVoided.event_type(): on_invoice_voided,
}
