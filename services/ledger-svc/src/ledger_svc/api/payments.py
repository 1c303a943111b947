"""Payment routes: parse, call the use case, commit, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.schemas import AllocationOut, PaymentOut, RecordPayment
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.payment import Payment, PaymentNotFound
from ledger_svc.use_cases.record_payment import record_payment
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
    def money(minor: int) -> str:
        return format_amount(minor, payment.currency)

    return PaymentOut(
        id=payment.id,
        customer_id=payment.customer_id,
        currency=payment.currency,
        amount=money(payment.amount),
        received_on=payment.received_on,
        reference=payment.reference,
        allocations=[
            AllocationOut(invoice_id=a.invoice_id, amount=money(a.amount))
            for a in payment.allocations
        ],
        unapplied_amount=money(payment.unapplied_amount),
    )


@router.post(
    "",
    status_code=201,
    response_model=PaymentOut,
    summary="Record a payment and apply it to the oldest open invoices",
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
