"""A payment as the API shows it."""

from ledger_svc.api.payment_schemas import AllocationOut, PaymentOut, ReversalOut
from ledger_svc.domain.amounts import format_amount
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
