"""POST /v1/payments:batch: up to 1,000 payments in one request, each idempotent by its own key.

The batch is ONE transaction, not one per item nor a savepoint per item: every payment is
judged in memory (domain/payment_receipt.py) before anything is written, so a refused item
writes nothing and the others go on, while the accepted ones cost a fixed number of
statements together. A savepoint per item would cost two more round trips per payment,
more than the whole budget of the batch's throughput target. What is left to fail is the
database itself, which fails the whole batch with nothing written; sending it again is safe,
as every item carries its key. An item's key shares its namespace, and its request
fingerprint, with the Idempotency-Key of POST /v1/payments: the same payment sent either
way with the same key is recorded once.
"""

from fastapi import APIRouter, Response

from ledger_svc.api.payment_batch_items import BatchItem, read_item
from ledger_svc.api.payment_batch_schemas import MAX_BATCH, PaymentBatchOut, RecordPaymentBatch
from ledger_svc.api.payment_recording import KeyedPayment, record_keyed
from ledger_svc.api.payments import CanRecord
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/payments", tags=["payments"])


@router.post(
    ":batch",
    response_model=PaymentBatchOut,
    summary=f"Record up to {MAX_BATCH} payments, each idempotent by its own key; every "
    "payment's outcome comes back in order",
)
async def record_batch(
    body: RecordPaymentBatch, session: DbSession, principal: CanRecord
) -> Response:
    items = [read_item(n, raw) for n, raw in enumerate(body.payments)]
    firsts: dict[str, BatchItem] = {}
    for item in items:
        if item.result is None:
            firsts.setdefault(item.key, item)
    new = [(i, i.instruction) for i in firsts.values() if i.instruction is not None]
    outcomes = await record_keyed(
        session, [KeyedPayment(payment, (principal.subject, i.key), i.print_) for i, payment in new]
    )
    await session.commit()
    for (first, _), outcome in zip(new, outcomes, strict=True):
        first.answer(outcome)
    for item in items:
        if item.result is None:
            item.answer_again(firsts[item.key], None)
    results = [i.result for i in items if i.result is not None]
    recorded = sum(1 for r in results if r.status == 201)
    batch = PaymentBatchOut.model_construct(
        recorded=recorded, refused=len(results) - recorded, results=results
    )
    return Response(batch.model_dump_json(), media_type="application/json")
