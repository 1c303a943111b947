"""Write-off routes: one user requests, ANOTHER approves or rejects (four eyes)."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.adjustments.render import write_off_out
from ledger_svc.api.adjustments.schemas import (
    ApproveWriteOff,
    RejectWriteOff,
    RequestWriteOff,
    WriteOffOut,
    WriteOffPage,
)
from ledger_svc.domain.adjustments.write_off import WriteOff, WriteOffNotFound, WriteOffStatus
from ledger_svc.use_cases.adjustments.approve_write_off import approve_write_off, reject_write_off
from ledger_svc.use_cases.adjustments.request_write_off import request_invoice_write_off
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1", tags=["write-offs"])

CanRequest = Annotated[
    Principal,
    Depends(require_roles(Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.ADMIN)),
]
CanDecide = Annotated[Principal, Depends(require_roles(Role.CREDIT_MANAGER, Role.ADMIN))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


@router.post(
    "/invoices/{invoice_id}/write-offs",
    status_code=201,
    response_model=WriteOffOut,
    summary="Request the write-off of an invoice's open remainder (posts nothing yet)",
)
async def ask_for_write_off(
    invoice_id: str,
    body: RequestWriteOff,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    principal: CanRequest,
) -> Response | WriteOffOut:
    dates.posting(body.requested_on, field="requested_on")
    return await _recorded(
        session,
        idempotency,
        201,
        lambda uow: request_invoice_write_off(
            uow,
            invoice_id=invoice_id,
            reason=body.reason,
            requested_on=body.requested_on,
            requested_by=principal.subject,
        ),
    )


@router.post(
    "/write-offs/{write_off_id}:approve",
    response_model=WriteOffOut,
    summary="Approve a write-off requested by someone else: posts it and closes the invoice",
)
async def approve(
    write_off_id: str,
    body: ApproveWriteOff,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    principal: CanDecide,
) -> Response | WriteOffOut:
    dates.posting(body.approved_on, field="approved_on")
    return await _recorded(
        session,
        idempotency,
        200,
        lambda uow: approve_write_off(
            uow, write_off_id=write_off_id, approver=principal.subject, approved_on=body.approved_on
        ),
    )


@router.post(
    "/write-offs/{write_off_id}:reject",
    response_model=WriteOffOut,
    summary="Reject a write-off request; the invoice stays owed",
)
async def reject(
    write_off_id: str,
    body: RejectWriteOff,
    session: DbSession,
    idempotency: Idempotent,
    dates: Dates,
    principal: CanDecide,
) -> Response | WriteOffOut:
    dates.posting(body.rejected_on, field="rejected_on")
    return await _recorded(
        session,
        idempotency,
        200,
        lambda uow: reject_write_off(
            uow,
            write_off_id=write_off_id,
            rejecter=principal.subject,
            rejected_on=body.rejected_on,
            reason=body.reason,
        ),
    )


@router.get("/write-offs/{write_off_id}", response_model=WriteOffOut, summary="A write-off")
async def get_write_off(write_off_id: str, session: DbSession, _: CanRead) -> WriteOffOut:
    write_off = await LedgerUnitOfWork(session).write_offs.get(write_off_id)
    if write_off is None:
        raise WriteOffNotFound(write_off_id)
    return write_off_out(write_off)


@router.get(
    "/write-offs",
    response_model=WriteOffPage,
    summary="Write-offs, filtered (status=requested: the approvers' worklist)",
)
async def list_write_offs(
    session: DbSession,
    _: CanRead,
    status: Annotated[WriteOffStatus | None, Query(description="Only in this status")] = None,
    customer_id: Annotated[str | None, Query(description="Only this customer's")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> WriteOffPage:
    found = await LedgerUnitOfWork(session).write_offs.page(
        status=status, customer_id=customer_id, after=decode_cursor(cursor), limit=limit
    )
    return WriteOffPage(
        items=[write_off_out(w) for w in found],
        next_cursor=next_cursor([w.id for w in found], limit),
    )


async def _recorded(
    session: DbSession,
    idempotency: Idempotent,
    status: int,
    step: Callable[[LedgerUnitOfWork], Awaitable[WriteOff]],
) -> Response | WriteOffOut:
    """Every step of a write-off: replay a retried request, else take it, remember, commit."""
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    response = write_off_out(await step(uow))
    await idempotency.remember(status, response)
    await uow.commit()
    return response
