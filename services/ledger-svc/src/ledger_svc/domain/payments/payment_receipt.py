"""Receiving a payment: judge what the cashier or the bank reported, then apply it by the rules
of domain/payments/cash_application.py to the customer's invoices as they stand."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.amounts import parse_amount
from ledger_svc.domain.payments.cash_application import (
    InvoiceOnFile,
    PaymentMethod,
    RequestedAllocation,
    apply_payment,
)
from ledger_svc.domain.payments.payable_invoice import OpenInvoices
from ledger_svc.domain.payments.payment import Payment


@dataclass(frozen=True)
class AllocationInstruction:
    """An invoice the payer named, and the amount for it as they wrote it (if they did)."""

    invoice_id: str
    amount: str | None = None


@dataclass(frozen=True)
class PaymentInstruction:
    """A payment as reported, before the ledger has judged it: amounts are still text."""

    customer_id: str
    amount: str
    currency: str | None
    received_on: date
    reference: str | None = None
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    allocations: tuple[AllocationInstruction, ...] = ()

    @property
    def named_invoices(self) -> set[str]:
        return {a.invoice_id for a in self.allocations}


def receive(
    payment_id: str,
    instruction: PaymentInstruction,
    account: CustomerAccount,
    invoices: OpenInvoices,
    on_file: Mapping[str, InvoiceOnFile],
) -> Payment:
    """The payment as recorded, applied to `invoices`, which then owe what it left open."""
    currency = account.ensure_currency(instruction.currency)
    amount = parse_amount(instruction.amount, currency, field="amount")
    requested = _requested(instruction.allocations, currency)
    application = apply_payment(
        amount,
        invoices.open_items(account.customer_id, instruction.received_on),
        customer_id=account.customer_id,
        currency=currency,
        requested=requested,
        reference=instruction.reference,
        on_file=on_file,
    )
    invoices.settle(application.allocations)
    return Payment(
        id=payment_id,
        customer_id=account.customer_id,
        currency=currency,
        amount=amount,
        received_on=instruction.received_on,
        reference=instruction.reference,
        allocations=application.allocations,
        unapplied_amount=application.unapplied,
        method=instruction.method,
    )


def _requested(
    allocations: Sequence[AllocationInstruction], currency: str
) -> list[RequestedAllocation]:
    return [
        RequestedAllocation(
            a.invoice_id,
            None
            if a.amount is None
            else parse_amount(a.amount, currency, field=f"allocations.{n}.amount"),
        )
        for n, a in enumerate(allocations)
    ]
