"""Cash-application facts published by ledger-svc on ledger.events: payments received,
applied, reversed, and customer credit applied."""

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData


class PaymentAllocation(BaseModel):
    """The part of a payment applied to one invoice."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    invoice_id: str = Field(description="The invoice's id in the ledger")
    amount: Amount = Field(description="The part of the payment applied to the invoice")
    open_amount_after: Amount = Field(description="What the invoice still owes afterwards")
    # Added later in v1: the early-payment discount that closed the invoice with this payment
    # (the invoice owes `amount` + `discount` less); absent or "0.00" when none was earned.
    discount: Amount | None = Field(
        default=None,
        description="The early-payment discount this payment earned; absent or zero when none",
    )


class PaymentReceived(EventData):
    """A customer payment was recorded and applied; exposure, cases and aging shrink by it."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "payment_received"

    payment_id: str = Field(description="The payment's id in the ledger")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    amount: Amount = Field(description="The amount received")
    received_on: date = Field(description="The business date the money arrived")
    reference: str | None = Field(
        default=None, description="The payer's reference (e.g. the invoice number quoted), if any"
    )
    allocations: list[PaymentAllocation] = Field(
        description="The invoices it was applied to, oldest due first unless directed"
    )
    unapplied_amount: Amount = Field(description="The surplus kept as customer credit")
    # Added later in v1: bank_transfer, card, cash or cheque; absent on older payments.
    method: str | None = Field(
        default=None, description="bank_transfer, card, cash or cheque; absent on older payments"
    )
    # Added later in v1: absent (false) on payments recorded before.
    opening: bool = Field(
        default=False,
        description="What an opening balance's invoice had been paid before the cut-over: "
        "settles the opening invoice, but no cash received that day",
    )


class ReopenedInvoice(BaseModel):
    """An invoice that owes again what a reversed payment had settled on it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    invoice_id: str = Field(description="The invoice's id in the ledger")
    # The cash the payment had applied to the invoice, now owed again.
    amount: Amount = Field(
        description="The cash the payment had applied to the invoice, owed again"
    )
    # The early-payment discount that payment had earned on it, now owed again too.
    discount: Amount = Field(
        description="The early-payment discount it had earned on the invoice, owed again"
    )
    open_amount_after: Amount = Field(description="What the invoice owes after the reversal")


class PaymentReversed(EventData):
    """A recorded payment bounced, was returned or was entered in error, and the invoices it
    paid are owed again; credit, collections and reporting add the reopened amounts back."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "payment_reversed"

    payment_id: str = Field(description="The payment's id in the ledger")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    amount: Amount = Field(description="The amount of the payment reversed")
    received_on: date = Field(description="The business date the payment had arrived")
    reversed_on: date = Field(description="The business date of the reversal")
    # bounced, returned or error.
    reason: str = Field(description="bounced, returned or error")
    reopened: list[ReopenedInvoice] = Field(description="The invoices owed again")
    # The customer credit the payment had created, taken back with it.
    credit_removed: Amount = Field(
        description="The customer credit the payment had created, taken back"
    )


class CreditDrawn(BaseModel):
    """The part of an applied credit that came from one payment surplus or credit note."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    # payment or credit_note.
    source_kind: str = Field(description="payment or credit_note")
    source_id: str = Field(description="The payment's or credit note's id")
    amount: Amount = Field(description="The credit drawn from that source")


class PaymentAllocated(EventData):
    """Customer credit held from earlier payments or credit notes was applied to invoices;
    credit, collections and reporting reduce those invoices as for a payment received."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "payment_allocated"

    # The credit application: one business act, possibly drawing on several sources.
    allocation_id: str = Field(
        description="The credit application's id: one act, possibly drawing on several sources"
    )
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    applied_on: date = Field(description="The business date the credit was applied")
    allocations: list[PaymentAllocation] = Field(
        description="The invoices the credit was applied to"
    )
    sources: list[CreditDrawn] = Field(description="Where the credit came from")
    # Customer credit still held afterwards.
    credit_remaining: Amount = Field(description="Customer credit still held afterwards")
