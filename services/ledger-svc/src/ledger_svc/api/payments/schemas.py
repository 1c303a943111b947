"""The HTTP contract of payments, payment batches and credit applications. Amounts are decimal
strings at the currency's exact scale. Each request's fields become the domain's request here."""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ledger_svc.api.fields import CurrencyCode, CustomerId, DecimalText
from ledger_svc.domain.payments.cash_application import PaymentMethod
from ledger_svc.domain.payments.payment import ReversalReason
from ledger_svc.domain.payments.payment_receipt import AllocationInstruction, PaymentInstruction
from ledgerflow_platform.web.bounds import BusinessDate

InvoiceId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
IdempotencyKey = Annotated[str, StringConstraints(min_length=1, max_length=255)]

MAX_BATCH = 1000

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
    received_on: BusinessDate
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

    reversed_on: BusinessDate = Field(
        description="The business date of the reversal, not before receipt"
    )
    reason: ReversalReason
    note: Note | None = None


def allocation_instructions(
    allocations: list[AllocationIn] | None,
) -> tuple[AllocationInstruction, ...]:
    return tuple(AllocationInstruction(a.invoice_id, a.amount) for a in allocations or ())


def instruction(body: RecordPayment) -> PaymentInstruction:
    return PaymentInstruction(
        body.customer_id,
        body.amount,
        body.currency,
        body.received_on,
        body.reference,
        body.method,
        allocation_instructions(body.allocations),
    )


class BatchPayment(RecordPayment):
    """One payment of a batch: a payment as POST /v1/payments takes it, with its own key."""

    model_config = ConfigDict(extra="forbid")

    idempotency_key: IdempotencyKey = Field(
        description="Makes this payment safe to send again: the same key (in a batch or as the "
        "Idempotency-Key of POST /v1/payments) replays the first answer"
    )


class RecordPaymentBatch(BaseModel):
    """Payments to record, each judged on its own: a refused one does not hold up the rest."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "payments": [
                        {**PAYMENT_EXAMPLE, "idempotency_key": "bank-2026-03-28-0042"},
                        {
                            **PAYMENT_EXAMPLE,
                            "amount": "99.00",
                            "reference": "INV-2026-000123",
                            "idempotency_key": "bank-2026-03-28-0043",
                        },
                    ]
                }
            ]
        },
    )

    # Each item is read on its own, so a malformed one is that item's problem alone.
    payments: list[Any] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description=f"1 to {MAX_BATCH} payments, each as POST /v1/payments takes one, plus "
        "its own idempotency_key (1 to 255 characters)",
    )


class FieldError(BaseModel):
    """The input at fault and what is wrong with it."""

    field: str
    message: str


class ItemProblem(BaseModel):
    """Why one payment of the batch was refused (RFC 9457 problem details), with the
    problem's extension members (a closed period's `period` and `first_open_date`)."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


class BatchItemResult(BaseModel):
    """What became of one payment of the batch, at its position."""

    index: int
    idempotency_key: str | None
    # 201 for a payment recorded (now or, if replayed, before), else the problem's status.
    status: int
    replayed: bool
    payment: PaymentOut | None
    problem: ItemProblem | None


class PaymentBatchOut(BaseModel):
    """Every payment's outcome, in the order sent."""

    recorded: int
    refused: int
    results: list[BatchItemResult]


class ApplyCredit(BaseModel):
    """A request to pay open invoices from the credit the customer holds."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"as_of": "2026-04-01"},
                {"as_of": "2026-04-01", "invoice_ids": ["0195f3b0-1d2e-7f00-8a11-3c4d5e6f7a80"]},
            ]
        },
    )

    as_of: BusinessDate = Field(
        description="The business date: only credit held by then is applied"
    )
    invoice_ids: list[InvoiceId] | None = Field(
        default=None, max_length=200, description="Pay these, in order; absent: oldest due first"
    )


class CreditDrawnOut(BaseModel):
    """What the application took from one payment surplus or credit note."""

    source_kind: str
    source_id: str
    amount: str


class CreditApplicationOut(BaseModel):
    """Credit applied to invoices, where it came from, and what credit is left."""

    id: str
    customer_id: str
    currency: str
    applied_on: date
    amount: str
    allocations: list[AllocationOut]
    sources: list[CreditDrawnOut]
    credit_remaining: str
