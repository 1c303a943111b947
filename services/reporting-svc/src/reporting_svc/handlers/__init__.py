"""The events reporting-svc projects into its tables, by CloudEvents type.

InvoicePaid and InvoiceOverdue are left out on purpose: aging is computed from issue and due
dates and dated payments, so those facts add nothing to it. Late fees arrive as their own
invoices (LateFeeCharged only marks them as no credit sale), and refunds move customer
credit, not receivables: they are left out too.
"""

from ledgerflow_events.contracts.collections import (
    CaseAssigned,
    DisputeOpened,
    DisputeResolved,
    PaymentPlanAgreed,
    PaymentPlanEnded,
    PromiseBroken,
    PromiseKept,
    PromiseMade,
)
from ledgerflow_events.contracts.credit import (
    CreditLimitChanged,
    CreditReservationEnded,
    CreditReserved,
    GradeChanged,
    HoldPlaced,
    HoldReleased,
)
from ledgerflow_events.contracts.customer import (
    ContractAmended,
    ContractClosed,
    ContractSigned,
    CustomerProfileUpdated,
    CustomerRegistered,
)
from ledgerflow_events.contracts.ledger import (
    CreditNoteIssued,
    InvoiceIssued,
    InvoiceVoided,
    InvoiceWrittenOff,
    LateFeeCharged,
    PaymentAllocated,
    PaymentReceived,
    PaymentReversed,
    StatementReconciled,
)
from ledgerflow_events.inbox import Handlers
from ledgerflow_events.together import Together
from reporting_svc.handlers.on_arrangement import (
    on_plan_agreed,
    on_plan_ended,
    on_promise_broken,
    on_promise_kept,
    on_promise_made,
)
from reporting_svc.handlers.on_contract import (
    on_contract_amended,
    on_contract_closed,
    on_contract_signed,
)
from reporting_svc.handlers.on_credit_note_issued import on_credit_note_issued
from reporting_svc.handlers.on_credit_standing import (
    on_credit_limit_changed,
    on_credit_reserved,
    on_hold_placed,
    on_hold_released,
    on_reservation_ended,
)
from reporting_svc.handlers.on_customer_registered import on_customer_registered
from reporting_svc.handlers.on_dispute import on_dispute_opened, on_dispute_resolved
from reporting_svc.handlers.on_grade_or_collector import on_case_assigned, on_grade_changed
from reporting_svc.handlers.on_invoice_issued import on_invoice_issued
from reporting_svc.handlers.on_invoice_voided import on_invoice_voided
from reporting_svc.handlers.on_invoice_written_off import on_invoice_written_off
from reporting_svc.handlers.on_late_fee_charged import on_late_fee_charged
from reporting_svc.handlers.on_payment_allocated import on_payment_allocated
from reporting_svc.handlers.on_payment_received import on_payment_received
from reporting_svc.handlers.on_payment_reversed import on_payment_reversed
from reporting_svc.handlers.on_profile_updated import on_profile_updated
from reporting_svc.handlers.on_statement_reconciled import on_statement_reconciled

HANDLERS: Handlers = {
    CustomerRegistered: on_customer_registered,
    CustomerProfileUpdated: on_profile_updated,
    ContractSigned: on_contract_signed,
    ContractAmended: on_contract_amended,
    ContractClosed: on_contract_closed,
    InvoiceIssued: on_invoice_issued,
    PaymentReceived: on_payment_received,
    InvoiceVoided: on_invoice_voided,
    CreditNoteIssued: on_credit_note_issued,
    InvoiceWrittenOff: on_invoice_written_off,
    PaymentReversed: on_payment_reversed,
    PaymentAllocated: on_payment_allocated,
    StatementReconciled: on_statement_reconciled,
    LateFeeCharged: on_late_fee_charged,
    GradeChanged: on_grade_changed,
    CreditLimitChanged: on_credit_limit_changed,
    HoldPlaced: on_hold_placed,
    HoldReleased: on_hold_released,
    CreditReserved: Together(on_credit_reserved),
    CreditReservationEnded: on_reservation_ended,
    CaseAssigned: on_case_assigned,
    DisputeOpened: on_dispute_opened,
    DisputeResolved: on_dispute_resolved,
    PromiseMade: on_promise_made,
    PromiseKept: on_promise_kept,
    PromiseBroken: on_promise_broken,
    PaymentPlanAgreed: on_plan_agreed,
    PaymentPlanEnded: on_plan_ended,
}
