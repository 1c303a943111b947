"""Cash-application facts published by ledger-svc on ledger.events: payments received,
applied, reversed, and customer credit applied."""

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData


class PaymentAllocation(BaseModel):
    """The part of a payment applied to one invoice."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    invoice_id: str
    amount: Amount
    open_amount_after: Amount
    # Added later in v1: the early-payment discount that closed the invoice with this payment
    # (the invoice owes `amount` + `discount` less); absent or "0.00" when none was earned.
    discount: Amount | None = None


class PaymentReceived(EventData):
    """A customer payment was recorded and applied; exposure, cases and aging shrink by it."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "payment_received"

    payment_id: str
    currency: CurrencyCode
    amount: Amount
    received_on: date
    reference: str | None = None
    allocations: list[PaymentAllocation]
    unapplied_amount: Amount
    # Added later in v1: bank_transfer, card, cash or cheque; absent on older payments.
    method: str | None = None


class ReopenedInvoice(BaseModel):
    """An invoice that owes again what a reversed payment had settled on it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    invoice_id: str
    # The cash the payment had applied to the invoice, now owed again.
    amount: Amount
    # The early-payment discount that payment had earned on it, now owed again too.
    discount: Amount
    open_amount_after: Amount


class PaymentReversed(EventData):
    """A recorded payment bounced, was returned or was entered in error, and the invoices it
    paid are owed again; credit, collections and reporting add the reopened amounts back."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "payment_reversed"

    payment_id: str
    currency: CurrencyCode
    amount: Amount
    received_on: date
    reversed_on: date
    # bounced, returned or error.
    reason: str
    reopened: list[ReopenedInvoice]
    # The customer credit the payment had created, taken back with it.
    credit_removed: Amount


class CreditDrawn(BaseModel):
    """The part of an applied credit that came from one payment surplus or credit note."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    # payment or credit_note.
    source_kind: str
    source_id: str
    amount: Amount


class PaymentAllocated(EventData):
    """Customer credit held from earlier payments or credit notes was applied to invoices;
    credit, collections and reporting reduce those invoices as for a payment received."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "payment_allocated"

    # The credit application: one business act, possibly drawing on several sources.
    allocation_id: str
    currency: CurrencyCode
    applied_on: date
    allocations: list[PaymentAllocation]
    sources: list[CreditDrawn]
    # Customer credit still held afterwards.
    credit_remaining: Amount
