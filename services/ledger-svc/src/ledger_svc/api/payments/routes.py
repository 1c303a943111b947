"""Payment routes: record payments (one, or a batch), read and reverse them, and apply a
customer's credit to their invoices. Each parses, calls its use case, commits (or has it
committed with the payments being recorded at the same time) and responds.

Credit is never applied on its own when an invoice is issued; credit applications are how it
gets applied.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.controls.schemas import ApprovalOut, approval_out
from ledger_svc.api.deps import Resources
from ledger_svc.api.payments.batch import PaymentBatch
from ledger_svc.api.payments.render import application_out, payment_out
from ledger_svc.api.payments.schemas import (
    MAX_BATCH,
    ApplyCredit,
    CreditApplicationOut,
    PaymentBatchOut,
    PaymentOut,
    RecordPayment,
    RecordPaymentBatch,
    ReversePayment,
    instruction,
)
from ledger_svc.domain.controls.approvals import ApprovalAction
from ledger_svc.domain.payments.payment import PaymentNotFound
from ledger_svc.use_cases.controls.approvals import hold_for_approval
from ledger_svc.use_cases.payments.apply_customer_credit import apply_customer_credit
from ledger_svc.use_cases.payments.record_keyed_payments import (
    KeyClaim,
    KeyedPayment,
    KeyReused,
    Recorded,
    Replayed,
    record_keyed_payment,
    record_keyed_payments,
)
from ledger_svc.use_cases.payments.reverse_payment import reverse_payment
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import (
    DbSession,
    IdempotencyKey,
    Idempotent,
    key_reused,
    replayed,
    request_fingerprint,
)

router = APIRouter(prefix="/v1", tags=["payments"])

CanRecord = Annotated[
    Principal,
    Depends(require_roles(Role.CASHIER, Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE)),
]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


@router.post(
    "/payments",
    status_code=201,
    response_model=PaymentOut,
    summary="Record a payment: to the invoices listed, else those its reference names, else "
    "the oldest due first; the surplus is kept as credit",
)
async def record(
    body: RecordPayment,
    request: Request,
    resources: Resources,
    dates: Dates,
    principal: CanRecord,
    key: IdempotencyKey,
) -> Response:
    dates.posting(body.received_on, field="received_on")
    claim = (
        KeyClaim((principal.subject, key), await request_fingerprint(request))
        if key is not None
        else None
    )
    payment = KeyedPayment(instruction(body), payment_out, claim)
    outcome = await record_keyed_payment(resources.payment_desk, payment)
    if isinstance(outcome, Recorded):
        return Response(outcome.body, status_code=201, media_type="application/json")
    if isinstance(outcome, Replayed):
        return replayed(outcome.stored.status_code, outcome.stored.body)
    if isinstance(outcome, KeyReused):
        raise key_reused(outcome.key)
    raise outcome


@router.post(
    "/payments:batch",
    response_model=PaymentBatchOut,
    summary=f"Record up to {MAX_BATCH} payments, each idempotent by its own key; every "
    "payment's outcome comes back in order",
)
async def record_batch(
    body: RecordPaymentBatch,
    session: DbSession,
    dates: Dates,
    resources: Resources,
    principal: CanRecord,
) -> Response:
    batch = PaymentBatch(body.payments, principal.subject, dates)
    uow = LedgerUnitOfWork(session)
    outcomes = await record_keyed_payments(
        uow, batch.to_record(), tax_adjusting=resources.tax_adjusting
    )
    await uow.commit()
    return Response(batch.answered(outcomes).model_dump_json(), media_type="application/json")


@router.get(
    "/payments/{payment_id}", response_model=PaymentOut, summary="One payment and its allocations"
)
async def get_payment(payment_id: str, session: DbSession, _: CanRead) -> PaymentOut:
    payment = await LedgerUnitOfWork(session).payments.get(payment_id)
    if payment is None:
        raise PaymentNotFound(payment_id)
    return payment_out(payment)


@router.post(
    "/payments/{payment_id}:reverse",
    response_model=PaymentOut,
    responses={202: {"model": ApprovalOut, "description": "Held for a second user's approval"}},
    summary="Reverse a bounced, returned or mistaken payment: reopen what it paid (once); "
    "held for another user's approval while the ledger's policy asks for it",
)
async def reverse(
    payment_id: str,
    body: ReversePayment,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    resources: Resources,
    now: Now,
    principal: CanRecord,
) -> Response | PaymentOut:
    dates.posting(body.reversed_on, field="reversed_on")
    if (again := await idempotency.replay()) is not None:
        return again
    uow = LedgerUnitOfWork(session)
    if resources.duties.payment_reversal_approval:
        if await uow.payments.get(payment_id) is None:
            raise PaymentNotFound(payment_id)
        held = await hold_for_approval(
            uow,
            action=ApprovalAction.PAYMENT_REVERSAL,
            target=payment_id,
            payload=body.model_dump(mode="json"),
            dated=body.reversed_on,
            dated_field="reversed_on",
            requested_by=principal.subject,
            requested_at=now,
        )
        pending = approval_out(held)
        await idempotency.remember(202, pending)
        await uow.commit()
        return JSONResponse(pending.model_dump(mode="json"), status_code=202)
    plan = await reverse_payment(
        uow,
        payment_id=payment_id,
        reversed_on=body.reversed_on,
        reason=body.reason,
        note=body.note,
    )
    response = payment_out(plan.payment)
    await idempotency.remember(200, response)
    await uow.commit()
    return response


@router.post(
    "/customers/{customer_id}/credit-applications",
    status_code=201,
    response_model=CreditApplicationOut,
    summary="Apply the customer's credit to the invoices listed, else oldest due first",
)
async def apply(
    customer_id: str,
    body: ApplyCredit,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    resources: Resources,
    _: CanRecord,
) -> Response | CreditApplicationOut:
    dates.posting(body.as_of, field="as_of")
    if (again := await idempotency.replay()) is not None:
        return again
    uow = LedgerUnitOfWork(session)
    application = await apply_customer_credit(
        uow,
        customer_id=customer_id,
        applied_on=body.as_of,
        tax_adjusting=resources.tax_adjusting,
        invoice_ids=body.invoice_ids or (),
    )
    response = application_out(application)
    await idempotency.remember(201, response)
    await uow.commit()
    return response
