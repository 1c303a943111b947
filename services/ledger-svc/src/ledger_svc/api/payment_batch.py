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

from ledger_svc.adapters.idempotency_batch import BatchKeys
from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.payment_batch_items import BatchItem, read_item
from ledger_svc.api.payment_batch_schemas import MAX_BATCH, PaymentBatchOut, RecordPaymentBatch
from ledger_svc.api.payments import CanRecord, payment_out
from ledger_svc.domain.payment import Payment
from ledger_svc.use_cases.record_payments import record_payments
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
    keys = BatchKeys(session, principal.subject)
    on_file = await keys.claim({k: i.print_ for k, i in firsts.items()})
    new = [i for k, i in firsts.items() if k not in on_file]
    await _record(LedgerUnitOfWork(session), keys, new)
    await session.commit()
    for item in items:
        if item.result is None:
            item.answer_again(firsts[item.key], on_file.get(item.key))
    results = [i.result for i in items if i.result is not None]
    recorded = sum(1 for r in results if r.status == 201)
    batch = PaymentBatchOut.model_construct(
        recorded=recorded, refused=len(results) - recorded, results=results
    )
    return Response(batch.model_dump_json(), media_type="application/json")


async def _record(uow: LedgerUnitOfWork, keys: BatchKeys, new: list[BatchItem]) -> None:
    """Record the payments whose keys are new; keep each one's answer under its key, and give
    back the keys of those refused."""
    outcomes = await record_payments(uow, [i.instruction for i in new if i.instruction])
    answers: dict[str, tuple[int, str]] = {}
    for item, outcome in zip(new, outcomes, strict=True):
        if isinstance(outcome, Payment):
            out = payment_out(outcome)
            item.record(out)
            answers[item.key] = (201, out.model_dump_json())
        else:
            item.refuse_for(outcome)
    await keys.remember(answers)
    await keys.release([i.key for i in new if i.key not in answers])
