"""Payment routes: parse, call the use case, commit, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.payment_schemas import (
    AllocationIn,
    AllocationOut,
    PaymentOut,
    RecordPayment,
    ReversalOut,
    ReversePayment,
)
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.payment import Payment, PaymentNotFound
from ledger_svc.domain.payment_receipt import AllocationInstruction, PaymentInstruction
from ledger_svc.use_cases.record_payment import record_payment
from ledger_svc.use_cases.reverse_payment import reverse_payment
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1/payments", tags=["payments"])

CanRecord = Annotated[
    Principal,
    Depends(require_roles(Role.CASHIER, Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE)),
]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


def payment_out(payment: Payment) -> PaymentOut:
    """The payment as the API shows it. Built without re-validation: every field comes from a
    recorded payment (this runs a thousand times per batch)."""

    def money(minor: int) -> str:
        return format_amount(minor, payment.currency)

    reversal = payment.reversal
    return PaymentOut.model_construct(
        id=payment.id,
        customer_id=payment.customer_id,
        currency=payment.currency,
        amount=money(payment.amount),
        received_on=payment.received_on,
        reference=payment.reference,
        method=payment.method,
        status="received" if reversal is None else "reversed",
        allocations=[
            AllocationOut.model_construct(
                invoice_id=a.invoice_id, amount=money(a.amount), discount=money(a.discount)
            )
            for a in payment.allocations
        ],
        unapplied_amount=money(payment.unapplied_amount),
        reversal=None
        if reversal is None
        else ReversalOut(
            reversed_on=reversal.reversed_on, reason=reversal.reason, note=reversal.note
        ),
    )


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
    body: RecordPayment, session: DbSession, idempotency: Idempotent, _: CanRecord
) -> Response | PaymentOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    payment = await record_payment(
        uow,
        customer_id=body.customer_id,
        amount=body.amount,
        currency=body.currency,
        received_on=body.received_on,
        reference=body.reference,
        method=body.method,
        allocations=allocation_instructions(body.allocations),
    )
    response = payment_out(payment)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


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
