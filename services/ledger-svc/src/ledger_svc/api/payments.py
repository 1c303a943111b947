"""Payment routes: parse, call the use case, commit, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from ledger_svc.adapters.idempotency_batch import KeyOnFile
from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.payment_desk import Desk
from ledger_svc.api.payment_recording import KeyedPayment, Recorded
from ledger_svc.api.payment_schemas import (
    AllocationIn,
    PaymentOut,
    RecordPayment,
    ReversePayment,
)
from ledger_svc.api.payment_views import payment_out
from ledger_svc.domain.payments.payment import PaymentNotFound
from ledger_svc.domain.payments.payment_receipt import AllocationInstruction, PaymentInstruction
from ledger_svc.use_cases.payments.reverse_payment import reverse_payment
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import (
    DbSession,
    Idempotent,
    idempotency_key,
    key_reused,
    replayed,
    request_fingerprint,
)

router = APIRouter(prefix="/v1/payments", tags=["payments"])

CanRecord = Annotated[
    Principal,
    Depends(require_roles(Role.CASHIER, Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE)),
]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


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


@router.post(
    "",
    status_code=201,
    response_model=PaymentOut,
    summary="Record a payment: to the invoices listed, else those its reference names, else "
    "the oldest due first; the surplus is kept as credit",
)
async def record(
    body: RecordPayment, request: Request, desk: Desk, principal: CanRecord
) -> Response:
    payment = instruction(body)
    key = idempotency_key(request)
    keyed = (
        KeyedPayment(payment, (principal.subject, key), await request_fingerprint(request))
        if key is not None
        else KeyedPayment(payment)
    )
    outcome = await desk.record(keyed)
    if isinstance(outcome, Recorded):
        return Response(outcome.body, status_code=201, media_type="application/json")
    if isinstance(outcome, KeyOnFile):
        if key is None or outcome.fingerprint != keyed.print_:
            raise key_reused(str(key))
        return replayed(outcome.status_code, outcome.response)
    raise outcome


@router.get("/{payment_id}", response_model=PaymentOut, summary="One payment and its allocations")
async def get_payment(payment_id: str, session: DbSession, _: CanRead) -> PaymentOut:
    payment = await LedgerUnitOfWork(session).payments.get(payment_id)
    if payment is None:
        raise PaymentNotFound(payment_id)
    return payment_out(payment)


@router.post(
    "/{payment_id}:reverse",
    response_model=PaymentOut,
    summary="Reverse a bounced, returned or mistaken payment: reopen what it paid (once)",
)
async def reverse(
    payment_id: str,
    body: ReversePayment,
    session: DbSession,
    idempotency: Idempotent,
    _: CanRecord,
) -> Response | PaymentOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
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
