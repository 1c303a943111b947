"""The events reporting-svc projects into its tables, by CloudEvents type.

InvoicePaid and InvoiceOverdue are left out on purpose: aging is computed from issue and due
dates and dated payments, so those facts add nothing to it.
"""

from ledgerflow_events.contracts import CustomerRegistered, InvoiceIssued, PaymentReceived
from ledgerflow_events.contracts.ledger_invoicing import InvoiceVoided
from ledgerflow_events.inbox import Handler
from reporting_svc.handlers.on_customer_registered import on_customer_registered
from reporting_svc.handlers.on_invoice_issued import on_invoice_issued
from reporting_svc.handlers.on_invoice_voided import on_invoice_voided
from reporting_svc.handlers.on_payment_received import on_payment_received

HANDLERS: dict[str, Handler] = {
    CustomerRegistered.event_type(): on_customer_registered,
    InvoiceIssued.event_type(): on_invoice_issued,
    PaymentReceived.event_type(): on_payment_received,
    InvoiceVoided.event_type(): on_invoice_voided,
}
