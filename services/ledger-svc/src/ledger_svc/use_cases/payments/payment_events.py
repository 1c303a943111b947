"""The facts cash application tells the platform: payments received and reversed, credit
applied, invoices paid. Amounts go out as decimal strings at the currency's scale."""

from collections.abc import Iterable, Mapping
from datetime import date

from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.payments.allocation import Allocation
from ledger_svc.domain.payments.credit_application import CreditApplication
from ledger_svc.domain.payments.payment import Payment
from ledger_svc.domain.payments.payment_reversal import ReversalPlan
from ledgerflow_events.contracts.ledger import (
    CreditDrawn,
    InvoicePaid,
    PaymentAllocated,
    PaymentAllocation,
    PaymentReceived,
    PaymentReversed,
    ReopenedInvoice,
)


def allocations_out(allocations: Iterable[Allocation], currency: str) -> list[PaymentAllocation]:
    return [
        PaymentAllocation(
            invoice_id=a.invoice_id,
            amount=format_amount(a.amount, currency),
            open_amount_after=format_amount(a.open_amount_after, currency),
            discount=format_amount(a.discount, currency),
        )
        for a in allocations
    ]


def payment_received(payment: Payment, *, opening: bool = False) -> PaymentReceived:
    currency = payment.currency
    return PaymentReceived(
        customer_id=payment.customer_id,
        payment_id=payment.id,
        currency=currency,
        amount=format_amount(payment.amount, currency),
        received_on=payment.received_on,
        reference=payment.reference,
        allocations=allocations_out(payment.allocations, currency),
        unapplied_amount=format_amount(payment.unapplied_amount, currency),
        method=payment.method.value,
        opening=opening,
    )


def invoices_paid(
    allocations: Iterable[Allocation],
    *,
    customer_id: str,
    currency: str,
    paid_on: date,
    totals: Mapping[str, int],
) -> list[InvoicePaid]:
    """InvoicePaid for every invoice these allocations closed; `totals` by invoice id."""
    return [
        InvoicePaid(
            customer_id=customer_id,
            invoice_id=a.invoice_id,
            currency=currency,
            total=format_amount(totals[a.invoice_id], currency),
            paid_on=paid_on,
        )
        for a in allocations
        if a.closes_invoice
    ]


def payment_reversed(plan: ReversalPlan) -> PaymentReversed:
    payment = plan.payment
    assert payment.reversal is not None
    currency = payment.currency
    return PaymentReversed(
        customer_id=payment.customer_id,
        payment_id=payment.id,
        currency=currency,
        amount=format_amount(payment.amount, currency),
        received_on=payment.received_on,
        reversed_on=payment.reversal.reversed_on,
        reason=payment.reversal.reason.value,
        reopened=[
            ReopenedInvoice(
                invoice_id=r.invoice_id,
                amount=format_amount(r.amount, currency),
                discount=format_amount(r.discount, currency),
                open_amount_after=format_amount(r.open_amount_after, currency),
            )
            for r in plan.reopened
        ],
        credit_removed=format_amount(plan.credit_removed, currency),
    )


def payment_allocated(application: CreditApplication) -> PaymentAllocated:
    currency = application.currency
    return PaymentAllocated(
        customer_id=application.customer_id,
        allocation_id=application.id,
        currency=currency,
        applied_on=application.applied_on,
        allocations=allocations_out(application.allocations, currency),
        sources=[
            CreditDrawn(
                source_kind=d.kind.value,
                source_id=d.source_id,
                amount=format_amount(d.amount, currency),
            )
            for d in application.draws
        ],
        credit_remaining=format_amount(application.credit_remaining, currency),
    )
