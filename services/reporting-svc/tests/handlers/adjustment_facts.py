"""The ledger's adjustment facts as the aging tests deliver them: one EUR invoice issued on
1 March, due end of March, adjusted in April."""

from datetime import date

from uuid6 import uuid7

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.ledger import (
    CreditNoteIssued,
    InvoiceIssued,
    PaymentAllocation,
    PaymentReceived,
    PaymentReversed,
    ReopenedInvoice,
)
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery

ISSUED_ON, DUE = date(2026, 3, 1), date(2026, 3, 31)
APRIL_4, APRIL_5, APRIL_9, APRIL_10 = (date(2026, 4, d) for d in (4, 5, 9, 10))
APRIL_19, APRIL_20 = date(2026, 4, 19), date(2026, 4, 20)


def new_id() -> str:
    return str(uuid7())


def issued(customer: str, invoice: str, total: str) -> InvoiceIssued:
    return InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice,
        number="INV-2026-00042",
        currency="EUR",
        total=total,
        issue_date=ISSUED_ON,
        due_date=DUE,
    )


def paid(customer: str, invoice: str, amount: str, discount: str, after: str) -> PaymentReceived:
    return PaymentReceived(
        customer_id=customer,
        payment_id=new_id(),
        currency="EUR",
        amount=amount,
        received_on=APRIL_5,
        reference="Remittance INV-2026-00042",
        allocations=[
            PaymentAllocation(
                invoice_id=invoice, amount=amount, open_amount_after=after, discount=discount
            )
        ],
        unapplied_amount="0.00",
        method="bank_transfer",
    )


def reversal_of(payment: PaymentReceived, open_after: str) -> PaymentReversed:
    [allocation] = payment.allocations
    return PaymentReversed(
        customer_id=payment.customer_id,
        payment_id=payment.payment_id,
        currency="EUR",
        amount=payment.amount,
        received_on=payment.received_on,
        reversed_on=APRIL_20,
        reason="bounced",
        reopened=[
            ReopenedInvoice(
                invoice_id=allocation.invoice_id,
                amount=allocation.amount,
                discount=allocation.discount or "0.00",
                open_amount_after=open_after,
            )
        ],
        credit_removed="0.00",
    )


def credit_note(
    customer: str,
    number: str,
    amount: str,
    tax: str,
    invoice: str | None = None,
    open_after: str | None = None,
) -> CreditNoteIssued:
    return CreditNoteIssued(
        customer_id=customer,
        credit_note_id=new_id(),
        number=number,
        currency="EUR",
        amount=amount,
        tax=tax,
        issue_date=APRIL_10,
        invoice_id=invoice,
        invoice_open_amount_after=open_after,
    )


async def applied_once(delivery: EventDelivery, fact: EventData) -> None:
    """The fact is applied, and the same event delivered again is a duplicate."""
    event_id = new_id()
    assert await delivery.deliver(fact, event_id=event_id) is Outcome.APPLIED
    assert await delivery.deliver(fact, event_id=event_id) is Outcome.DUPLICATE
