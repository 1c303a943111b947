"""The HTTP contract of payments. Amounts are decimal strings at the currency's exact scale."""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ledger_svc.api.schemas import CurrencyCode, CustomerId, DecimalText
from ledger_svc.domain.payments.cash_application import PaymentMethod
from ledger_svc.domain.payments.payment import ReversalReason

InvoiceId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]

PAYMENT_EXAMPLE: dict[str, Any] = {
    "customer_id": "0195f3a2-7c1e-7d44-9a4b-2f1c8e6d5a01",
    "amount": "1145.30",
    "currency": "EUR",
    "received_on": "2026-03-28",
    "reference": "BANK-2026-03-28-0042",
}


class AllocationIn(BaseModel):
    """An invoice this payment is for, and how much of it (else up to what settles it)."""

    model_config = ConfigDict(extra="forbid")

    invoice_id: InvoiceId
    amount: DecimalText | None = Field(
        default=None, description="At most the invoice's open amount; absent: what settles it"
    )


class RecordPayment(BaseModel):
    """Money received from a customer, to apply to what they owe: to the invoices listed,
    else to the invoices its reference names, else oldest due first."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                PAYMENT_EXAMPLE,
                {
                    **PAYMENT_EXAMPLE,
                    "method": "cheque",
                    "reference": "Cheque 001234",
                    "allocations": [
                        {"invoice_id": "0195f3b0-1d2e-7f00-8a11-3c4d5e6f7a80", "amount": "800.00"},
                        {"invoice_id": "0195f3b0-1d2e-7f00-8a11-3c4d5e6f7a81"},
                    ],
                },
            ]
        },
    )

    customer_id: CustomerId
    amount: DecimalText = Field(description="More than zero, at the currency's scale")
    currency: CurrencyCode = Field(description="Must be the customer's account currency")
    received_on: date
    reference: str | None = Field(
        default=None, max_length=140, description="Invoice numbers in it direct the payment"
    )
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    allocations: list[AllocationIn] | None = Field(
        default=None,
        max_length=200,
        description="Pay these invoices, in this order; what is left is kept as credit. "
        "Absent or empty: the invoices the reference names, then the oldest due first",
    )


class AllocationOut(BaseModel):
    """The part of a payment applied to one invoice, and the early-payment discount that
    closed it with this payment (posted as its own journal entry)."""

    invoice_id: str
    amount: str
    discount: str


class ReversalOut(BaseModel):
    """When and why the payment was undone."""

    reversed_on: date
    reason: ReversalReason
    note: str | None


class PaymentOut(BaseModel):
    """A recorded payment, how it was applied, and the surplus kept as credit (what of it
    the customer still holds: applying or refunding credit lowers it)."""

    id: str
    customer_id: str
    currency: str
    amount: str
    received_on: date
    reference: str | None
    method: PaymentMethod
    status: Literal["received", "reversed"]
    allocations: list[AllocationOut]
    unapplied_amount: str
    reversal: ReversalOut | None


class ReversePayment(BaseModel):
    """A payment that bounced, came back, or was recorded in error."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"reversed_on": "2026-04-02", "reason": "bounced", "note": "Cheque returned unpaid"}
            ]
        },
    )

    reversed_on: date = Field(description="The business date of the reversal, not before receipt")
    reason: ReversalReason
    note: Note | None = None
