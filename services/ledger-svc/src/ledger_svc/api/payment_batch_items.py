"""The payments of a batch one by one: read each on its own, and say what became of it."""

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ledger_svc.adapters.idempotency_batch import KeyOnFile
from ledger_svc.api.errors import ERRORS
from ledger_svc.api.payment_batch_schemas import (
    BatchItemResult,
    BatchPayment,
    FieldError,
    ItemProblem,
)
from ledger_svc.api.payment_recording import Outcome, Recorded
from ledger_svc.api.payment_schemas import PaymentOut
from ledger_svc.api.payments import instruction
from ledger_svc.domain.payments.payment_receipt import PaymentInstruction
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.idempotency import fingerprint_document
from ledgerflow_platform.web.deps import KEY_REUSED
from ledgerflow_platform.web.problems import PROBLEM_BASE, VALIDATION, ProblemType


@dataclass
class BatchItem:
    """One payment of the batch on its way through: read, then recorded, replayed or refused."""

    index: int
    key: str = ""
    # What POST /v1/payments would fingerprint for the same payment: keys work across both.
    print_: str = ""
    instruction: PaymentInstruction | None = None
    result: BatchItemResult | None = None

    def refuse(self, problem: ItemProblem) -> None:
        self.result = BatchItemResult.model_construct(
            index=self.index,
            idempotency_key=self.key or None,
            status=problem.status,
            replayed=False,
            payment=None,
            problem=problem,
        )

    def record(self, payment: PaymentOut, *, replayed: bool = False) -> None:
        self.result = BatchItemResult.model_construct(
            index=self.index,
            idempotency_key=self.key,
            status=201,
            replayed=replayed,
            payment=payment,
            problem=None,
        )

    def refuse_for(self, error: DomainError) -> None:
        kind = next(k for t, k in ERRORS.items() if isinstance(error, t))
        errors = [FieldError(field=error.field, message=error.message)] if error.field else None
        self.refuse(problem(kind, error.message, errors))

    def answer(self, outcome: Outcome) -> None:
        """Answer the first payment of its key with what recording it came to."""
        if isinstance(outcome, Recorded):
            self.record(outcome.payment)
        elif isinstance(outcome, KeyOnFile):
            self.answer_again(self, outcome)
        else:
            self.refuse_for(outcome)

    def answer_again(self, first: "BatchItem", stored: KeyOnFile | None) -> None:
        """Answer a payment whose key was used before: in an earlier request (`stored`), or
        earlier in this batch (`first`). Only the same payment gets the first answer again."""
        used_for = stored.fingerprint if stored is not None else first.print_
        if used_for != self.print_:
            detail = (
                f"Idempotency key {self.key!r} was first used for another payment; "
                "use a new key for a new payment."
            )
            self.refuse(problem(KEY_REUSED, detail))
        elif stored is not None:
            self.record(PaymentOut.model_validate(stored.response), replayed=True)
        elif first.result is not None:
            replayed = first.result.status == 201
            self.result = first.result.model_copy(
                update={"index": self.index, "replayed": replayed}
            )


def problem(kind: ProblemType, detail: str, errors: list[FieldError] | None = None) -> ItemProblem:
    return ItemProblem.model_construct(
        type=PROBLEM_BASE + kind.slug,
        title=kind.title,
        status=kind.status,
        detail=detail,
        errors=errors,
    )


def read_item(index: int, raw: Any) -> BatchItem:
    """One payment of the batch as sent; a malformed one is refused on its own."""
    item = BatchItem(index)
    if isinstance(raw, dict) and isinstance(raw.get("idempotency_key"), str):
        item.key = raw["idempotency_key"]
    try:
        payment = BatchPayment.model_validate(raw)
    except ValidationError as exc:
        errors = [
            FieldError(field=".".join(str(p) for p in e["loc"]) or "payment", message=e["msg"])
            for e in exc.errors()
        ]
        item.refuse(problem(VALIDATION, "; ".join(e.message for e in errors), errors))
        return item
    body = {k: v for k, v in raw.items() if k != "idempotency_key"}
    item.print_ = fingerprint_document("POST", "/v1/payments", body)
    item.instruction = instruction(payment)
    return item
