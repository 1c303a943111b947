"""What collections follows: overdue invoices open cases, payments and voids close them;
customers' regions and segments route new cases to collectors."""

from collections_svc.handlers.on_credit_note_issued import on_credit_note_issued
from collections_svc.handlers.on_customer_profile import (
    on_customer_profile_updated,
    on_customer_registered,
)
from collections_svc.handlers.on_grade_changed import on_grade_changed
from collections_svc.handlers.on_invoice_issued import on_invoice_issued
from collections_svc.handlers.on_invoice_overdue import on_invoice_overdue
from collections_svc.handlers.on_invoice_paid import on_invoice_paid
from collections_svc.handlers.on_invoice_voided import on_invoice_voided
from collections_svc.handlers.on_invoice_written_off import on_invoice_written_off
from collections_svc.handlers.on_payment_allocated import on_payment_allocated
from collections_svc.handlers.on_payment_received import on_payment_received
from collections_svc.handlers.on_payment_reversed import on_payment_reversed
from ledgerflow_events.contracts.credit import GradeChanged
from ledgerflow_events.contracts.customer import CustomerProfileUpdated, CustomerRegistered
from ledgerflow_events.contracts.ledger import (
    CreditNoteIssued,
    InvoiceIssued,
    InvoiceOverdue,
    InvoicePaid,
    InvoiceVoided,
    InvoiceWrittenOff,
    PaymentAllocated,
    PaymentReceived,
    PaymentReversed,
)
from ledgerflow_events.inbox import Handlers

HANDLERS: Handlers = {
    InvoiceIssued: on_invoice_issued,
    PaymentReceived: on_payment_received,
    InvoicePaid: on_invoice_paid,
    InvoiceOverdue: on_invoice_overdue,
    InvoiceVoided: on_invoice_voided,
    CreditNoteIssued: on_credit_note_issued,
    InvoiceWrittenOff: on_invoice_written_off,
    PaymentReversed: on_payment_reversed,
    PaymentAllocated: on_payment_allocated,
    GradeChanged: on_grade_changed,
    CustomerRegistered: on_customer_registered,
    CustomerProfileUpdated: on_customer_profile_updated,
}
