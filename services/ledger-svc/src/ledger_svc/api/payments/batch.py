"""The payments of a batch one by one: read each on its own, and say what became of it.

The batch is ONE transaction, not one per item nor a savepoint per item: every payment is
judged in memory (domain/payments/payment_receipt.py) before anything is written, so a
refused item writes nothing and the others go on, while the accepted ones cost a fixed
number of statements together. A savepoint per item would cost two more round trips per
payment, more than the whole budget of the batch's throughput target. What is left to fail
is the database itself, which fails the whole batch with nothing written; sending it again is
safe, as every item carries its key. An item's key shares its namespace, and its request
fingerprint, with the Idempotency-Key of POST /v1/payments: the same payment sent either way
with the same key is recorded once.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ledger_svc.api.errors import ERRORS
from ledger_svc.api.payments.render import payment_out
from ledger_svc.api.payments.schemas import (
    BatchItemResult,
    BatchPayment,
    ItemProblem,
    PaymentBatchOut,
    PaymentOut,
    instruction,
)
from ledger_svc.domain.payments.payment_receipt import PaymentInstruction
from ledger_svc.use_cases.payments.record_keyed_payments import (
    KeyClaim,
    KeyedPayment,
    KeyReused,
    Outcome,
    Recorded,
    Replayed,
)
from ledgerflow_platform.idempotency import fingerprint_document
from ledgerflow_platform.web.business_date import DateGuard
from ledgerflow_platform.web.deps import KEY_REUSED
from ledgerflow_platform.web.problems import VALIDATION, Problem, domain_problem


@dataclass
class BatchItem:
    """One payment of the batch on its way through: read, then recorded, replayed or refused."""

    index: int
    key: str = ""
    # What POST /v1/payments would fingerprint for the same payment: keys work across both.
    print_: str = ""
    instruction: PaymentInstruction | None = None
    result: BatchItemResult | None = None

    def refuse(self, problem: Problem) -> None:
        self.result = BatchItemResult.model_construct(
            index=self.index,
            idempotency_key=self.key or None,
            status=problem.kind.status,
            replayed=False,
            payment=None,
            problem=ItemProblem.model_validate(problem.document()),
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

    def answer(self, outcome: Outcome) -> None:
        """Answer the first payment of its key with what recording it came to."""
        if isinstance(outcome, Recorded):
            assert isinstance(outcome.shown, PaymentOut), "the batch shows payments as PaymentOut"
            self.record(outcome.shown)
        elif isinstance(outcome, Replayed):
            self.record(PaymentOut.model_validate(outcome.stored.body), replayed=True)
        elif isinstance(outcome, KeyReused):
            self.refuse(self.key_reused())
        else:
            self.refuse(domain_problem(outcome, ERRORS))

    def answer_again(self, first: "BatchItem") -> None:
        """Answer a payment whose key came earlier in this batch: the same payment gets the
        first answer again, another payment is refused."""
        if first.print_ != self.print_:
            self.refuse(self.key_reused())
        elif first.result is not None:
            replayed = first.result.status == 201
            self.result = first.result.model_copy(
                update={"index": self.index, "replayed": replayed}
            )

    def key_reused(self) -> Problem:
        return Problem(
            KEY_REUSED,
            f"Idempotency key {self.key!r} was first used for another payment; "
            "use a new key for a new payment.",
        )


def read_item(index: int, raw: Any, dates: DateGuard) -> BatchItem:
    """One payment of the batch as sent; a malformed or future-dated one is refused on its
    own."""
    item = BatchItem(index)
    if isinstance(raw, dict) and isinstance(raw.get("idempotency_key"), str):
        item.key = raw["idempotency_key"]
    try:
        payment = BatchPayment.model_validate(raw)
    except ValidationError as exc:
        errors = [
            {"field": ".".join(str(p) for p in e["loc"]) or "payment", "message": e["msg"]}
            for e in exc.errors()
        ]
        detail = "; ".join(e["message"] for e in errors)
        item.refuse(Problem(VALIDATION, detail, errors=errors))
        return item
    try:
        dates.posting(payment.received_on, field="received_on")
    except Problem as refused:
        item.refuse(refused)
        return item
    body = {k: v for k, v in raw.items() if k != "idempotency_key"}
    item.print_ = fingerprint_document("POST", "/v1/payments", body)
    item.instruction = instruction(payment)
    return item


class PaymentBatch:
    """A batch as read: each item, and the first well-formed item of each key, which alone is
    recorded (a later one with the same key gets its answer)."""

    def __init__(self, payments: Sequence[Any], subject: str, dates: DateGuard) -> None:
        self._items = [read_item(n, raw, dates) for n, raw in enumerate(payments)]
        self._firsts: dict[str, BatchItem] = {}
        for item in self._items:
            if item.result is None:
                self._firsts.setdefault(item.key, item)
        self._subject = subject

    def to_record(self) -> list[KeyedPayment]:
        return [
            KeyedPayment(
                item.instruction, payment_out, KeyClaim((self._subject, item.key), item.print_)
            )
            for item in self._firsts.values()
            if item.instruction is not None
        ]

    def answered(self, outcomes: Sequence[Outcome]) -> PaymentBatchOut:
        """Every payment's outcome, in the order sent; `outcomes` answer to_record's payments."""
        recorded = [i for i in self._firsts.values() if i.instruction is not None]
        for first, outcome in zip(recorded, outcomes, strict=True):
            first.answer(outcome)
        for item in self._items:
            if item.result is None:
                item.answer_again(self._firsts[item.key])
        results = [i.result for i in self._items if i.result is not None]
        done = sum(1 for r in results if r.status == 201)
        return PaymentBatchOut.model_construct(
            recorded=done, refused=len(results) - done, results=results
        )
