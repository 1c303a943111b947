"""The facts credit-svc follows: registrations open accounts, the ledger moves exposure,
collections stops and resumes supply and tells of broken promises and disputes."""

from credit_svc.handlers.on_case_closed import on_case_closed
from credit_svc.handlers.on_credit_note_issued import on_credit_note_issued
from credit_svc.handlers.on_customer_registered import on_customer_registered
from credit_svc.handlers.on_dispute import on_dispute_opened, on_dispute_resolved
from credit_svc.handlers.on_escalated import on_escalated
from credit_svc.handlers.on_invoice_issued import on_invoice_issued
from credit_svc.handlers.on_invoice_overdue import on_invoice_overdue
from credit_svc.handlers.on_invoice_paid import on_invoice_paid
from credit_svc.handlers.on_invoice_voided import on_invoice_voided
from credit_svc.handlers.on_invoice_written_off import on_invoice_written_off
from credit_svc.handlers.on_payment_allocated import on_payment_allocated
from credit_svc.handlers.on_payment_received import on_payment_received
from credit_svc.handlers.on_payment_reversed import on_payment_reversed
from credit_svc.handlers.on_profile_updated import on_profile_updated
from credit_svc.handlers.on_promise_broken import on_promise_broken
from ledgerflow_events.contracts.collections import (
    CaseClosed,
    DisputeOpened,
    DisputeResolved,
    Escalated,
    PromiseBroken,
)
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
    CustomerRegistered: on_customer_registered,
    CustomerProfileUpdated: on_profile_updated,
    InvoiceIssued: on_invoice_issued,
    PaymentReceived: on_payment_received,
    InvoicePaid: on_invoice_paid,
    InvoiceOverdue: on_invoice_overdue,
    InvoiceVoided: on_invoice_voided,
    CreditNoteIssued: on_credit_note_issued,
    InvoiceWrittenOff: on_invoice_written_off,
    PaymentReversed: on_payment_reversed,
    PaymentAllocated: on_payment_allocated,
    Escalated: on_escalated,
    CaseClosed: on_case_closed,
    PromiseBroken: on_promise_broken,
    DisputeOpened: on_dispute_opened,
    DisputeResolved: on_dispute_resolved,
}
