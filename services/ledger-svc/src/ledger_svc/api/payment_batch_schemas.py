"""The HTTP contract of payment batches: up to 1,000 payments, each with its own key."""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ledger_svc.api.payment_schemas import PAYMENT_EXAMPLE, PaymentOut, RecordPayment

MAX_BATCH = 1000

IdempotencyKey = Annotated[str, StringConstraints(min_length=1, max_length=255)]


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
    """Why one payment of the batch was refused (RFC 9457 problem details)."""

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
