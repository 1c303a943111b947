"""Reversing a payment that bounced, was returned or was recorded in error.

A reversal reopens exactly what the payment settled: each invoice owes again the cash and
the early-payment discount the payment applied to it, and the credit the payment created
is taken back. That credit must still be held: once some of it was applied to other
invoices or set aside for a refund, those have to be undone first. A payment is reversed
at most once; its journal entries (the payment's and its discount's) are reversed, never
edited.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.invoicing.invoice import InvoiceStatus, status_for
from ledger_svc.domain.payments.payment import Payment, PaymentReversal
from ledgerflow_platform.errors import DomainError


class PaymentAlreadyReversed(DomainError):
    """A payment is reversed once; a second reversal would reopen invoices twice."""


class PaymentCreditAlreadyUsed(DomainError):
    """The credit a payment created was applied or refunded: it cannot be taken back now."""


class ReversalBeforeReceipt(DomainError):
    """A reversal dated before the payment was received."""


@dataclass(frozen=True)
class Reopening:
    """An invoice owing again what a reversed payment had settled on it."""

    invoice_id: str
    amount: int
    discount: int
    open_amount_after: int
    status_after: InvoiceStatus


@dataclass(frozen=True)
class ReversalPlan:
    """The reversed payment, the invoices it reopens and the credit it takes back."""

    payment: Payment
    reopened: tuple[Reopening, ...]
    credit_removed: int


@dataclass(frozen=True)
class InvoiceNow:
    """An invoice a payment settled, as it stands when the payment is reversed."""

    total: int
    open_amount: int


def plan_reversal(
    payment: Payment,
    reversal: PaymentReversal,
    *,
    invoices: Mapping[str, InvoiceNow],
    credit_applied: int,
) -> ReversalPlan:
    """Decide a reversal. `credit_applied` is how much of the payment's credit was applied to
    invoices since; whatever else it no longer holds was set aside for refunds."""
    money = _formatter(payment.currency)
    if payment.reversal is not None:
        raise PaymentAlreadyReversed(
            f"Payment {payment.id} was already reversed on {payment.reversal.reversed_on} "
            f"({payment.reversal.reason.value}).",
            field="payment_id",
        )
    if reversal.reversed_on < payment.received_on:
        raise ReversalBeforeReceipt(
            f"The reversal date {reversal.reversed_on} is before the payment was received "
            f"on {payment.received_on}.",
            field="reversed_on",
        )
    used = payment.surplus - payment.unapplied_amount
    if used > 0:
        refunded = used - credit_applied
        raise PaymentCreditAlreadyUsed(
            f"Payment {payment.id} created {money(payment.surplus)} of credit; "
            f"{money(credit_applied)} of it was applied to invoices and {money(refunded)} set "
            "aside for refunds since, so it is no longer held to be taken back.",
            field="payment_id",
        )
    reopened = []
    for allocation in payment.allocations:
        invoice = invoices[allocation.invoice_id]
        after = invoice.open_amount + allocation.settled
        reopened.append(
            Reopening(
                allocation.invoice_id,
                allocation.amount,
                allocation.discount,
                after,
                status_for(invoice.total, after),
            )
        )
    reversed_payment = replace(payment, unapplied_amount=0, reversal=reversal)
    return ReversalPlan(reversed_payment, tuple(reopened), payment.surplus)


def _formatter(currency: str) -> Callable[[int], str]:
    def money(minor: int) -> str:
        return f"{format_amount(minor, currency)} {currency}"

    return money
