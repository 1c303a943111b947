"""Refund routes: request against customer credit, then pay or cancel."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.adjustments.render import refund_out
from ledger_svc.api.adjustments.schemas import (
    CancelRefund,
    PayRefund,
    RefundOut,
    RefundPage,
    RequestRefund,
)
from ledger_svc.api.deps import Resources
from ledger_svc.domain.adjustments.refund import RefundNotFound, RefundStatus
from ledger_svc.use_cases.adjustments.cancel_refund import cancel_refund
from ledger_svc.use_cases.adjustments.pay_refund import pay_refund
from ledger_svc.use_cases.adjustments.request_refund import request_refund
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1", tags=["refunds"])

CanRequest = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN))]
CanPay = Annotated[Principal, Depends(require_roles(Role.CASHIER, Role.ACCOUNTANT, Role.ADMIN))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


@router.post(
    "/customers/{customer_id}/refunds",
    status_code=201,
    response_model=RefundOut,
    summary="Request a refund of customer credit (reserved at once; at most what is available)",
)
async def ask_for_refund(
    customer_id: str,
    body: RequestRefund,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    principal: CanRequest,
) -> Response | RefundOut:
    dates.posting(body.requested_on, field="requested_on")
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    refund = await request_refund(
        uow,
        customer_id=customer_id,
        amount=body.amount,
        currency=body.currency,
        method=body.method,
        reference=body.reference,
        requested_on=body.requested_on,
        requested_by=principal.subject,
    )
    response = refund_out(refund)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.post("/refunds/{refund_id}:pay", response_model=RefundOut, summary="Pay a requested refund")
async def pay(
    refund_id: str,
    body: PayRefund,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    resources: Resources,
    principal: CanPay,
) -> Response | RefundOut:
    dates.posting(body.paid_on, field="paid_on")
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    refund = await pay_refund(
        uow,
        refund_id=refund_id,
        paid_on=body.paid_on,
        paid_by=principal.subject,
        policy=resources.duties,
    )
    response = refund_out(refund)
    await idempotency.remember(200, response)
    await uow.commit()
    return response


@router.post(
    "/refunds/{refund_id}:cancel",
    response_model=RefundOut,
    summary="Cancel a requested refund; its credit comes back",
)
async def cancel(
    refund_id: str,
    body: CancelRefund,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    _: CanRequest,
) -> Response | RefundOut:
    dates.posting(body.cancelled_on, field="cancelled_on")
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    refund = await cancel_refund(
        uow, refund_id=refund_id, cancelled_on=body.cancelled_on, reason=body.reason
    )
    response = refund_out(refund)
    await idempotency.remember(200, response)
    await uow.commit()
    return response


@router.get("/refunds/{refund_id}", response_model=RefundOut, summary="A refund")
async def get_refund(refund_id: str, session: DbSession, _: CanRead) -> RefundOut:
    refund = await LedgerUnitOfWork(session).refunds.get(refund_id)
    if refund is None:
        raise RefundNotFound(refund_id)
    return refund_out(refund)


@router.get("/refunds", response_model=RefundPage, summary="Refunds, filtered")
async def list_refunds(
    session: DbSession,
    _: CanRead,
    customer_id: Annotated[str | None, Query(description="Only this customer's")] = None,
    status: Annotated[RefundStatus | None, Query(description="Only in this status")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> RefundPage:
    refunds = await LedgerUnitOfWork(session).refunds.page(
        customer_id=customer_id, status=status, after=decode_cursor(cursor), limit=limit
    )
    return RefundPage(
        items=[refund_out(r) for r in refunds],
        next_cursor=next_cursor([r.id for r in refunds], limit),
    )
