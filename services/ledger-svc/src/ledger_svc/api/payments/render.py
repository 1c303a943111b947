"""Payments and credit applications as the API shows them."""

from ledger_svc.api.payments.schemas import (
    AllocationOut,
    CreditApplicationOut,
    CreditDrawnOut,
    PaymentOut,
    ReversalOut,
)
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.payments.credit_application import CreditApplication
from ledger_svc.domain.payments.payment import Payment


def payment_out(payment: Payment) -> PaymentOut:
    """The payment as the API shows it. Built without re-validation: every field comes from a
    recorded payment (this runs a thousand times per batch)."""

    def money(minor: int) -> str:
        return format_amount(minor, payment.currency)

    reversal = payment.reversal
    return PaymentOut.model_construct(
        id=payment.id,
        customer_id=payment.customer_id,
        currency=payment.currency,
        amount=money(payment.amount),
        received_on=payment.received_on,
        reference=payment.reference,
        method=payment.method,
        status="received" if reversal is None else "reversed",
        allocations=[
            AllocationOut.model_construct(
                invoice_id=a.invoice_id, amount=money(a.amount), discount=money(a.discount)
            )
            for a in payment.allocations
        ],
        unapplied_amount=money(payment.unapplied_amount),
        reversal=None
        if reversal is None
        else ReversalOut(
            reversed_on=reversal.reversed_on, reason=reversal.reason, note=reversal.note
        ),
    )


def application_out(application: CreditApplication) -> CreditApplicationOut:
    def money(minor: int) -> str:
        return format_amount(minor, application.currency)

    return CreditApplicationOut(
        id=application.id,
        customer_id=application.customer_id,
        currency=application.currency,
        applied_on=application.applied_on,
        amount=money(application.amount),
        allocations=[
            AllocationOut(
                invoice_id=a.invoice_id, amount=money(a.amount), discount=money(a.discount)
            )
            for a in application.allocations
        ],
        sources=[
            CreditDrawnOut(source_kind=d.kind.value, source_id=d.source_id, amount=money(d.amount))
            for d in application.draws
        ],
        credit_remaining=money(application.credit_remaining),
    )
