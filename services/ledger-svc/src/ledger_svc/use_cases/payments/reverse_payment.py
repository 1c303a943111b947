"""Reverse a payment that bounced, was returned or was recorded in error (see
domain/payments/payment_reversal.py): reopen what it paid, reverse its entries, tell the
platform."""

from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.books.journal import SourceType
from ledger_svc.domain.payments.payment import PaymentNotFound, PaymentReversal, ReversalReason
from ledger_svc.domain.payments.payment_reversal import ReversalPlan, plan_reversal
from ledger_svc.use_cases.books.post_journal_entry import reverse_journal_entries
from ledger_svc.use_cases.payments.payment_events import payment_reversed
from ledgerflow_events.tracing import use_case


@use_case
async def reverse_payment(
    uow: LedgerUnitOfWork,
    *,
    payment_id: str,
    reversed_on: date,
    reason: ReversalReason,
    note: str | None = None,
) -> ReversalPlan:
    found = await uow.payments.get(payment_id)
    if found is None:
        raise PaymentNotFound(payment_id)
    # Payments, credit applications and refunds of this customer lock the same stream:
    # read the payment again once locked.
    await uow.lock_customer(found.customer_id)
    payment = await uow.payments.get(payment_id, for_update=True)
    assert payment is not None, "payments are never deleted"
    plan = plan_reversal(
        payment,
        PaymentReversal(reversed_on, reason, note),
        invoices=await uow.payment_book.standing([a.invoice_id for a in payment.allocations]),
        credit_applied=await uow.payments.credit_applied_from(payment_id),
    )
    await uow.payments.record_reversal(plan.payment)
    await uow.payment_book.settle(
        [(r.invoice_id, r.open_amount_after, r.status_after) for r in plan.reopened]
    )
    memo = f"Payment {payment_id} reversed: {reason.value}" + (f" ({note})" if note else "")
    for source_type in (SourceType.PAYMENT, SourceType.EARLY_PAYMENT_DISCOUNT):
        await reverse_journal_entries(
            uow, source_type, payment_id, business_date=reversed_on, memo=memo
        )
    await uow.emit(payment_reversed(plan))
    return plan
