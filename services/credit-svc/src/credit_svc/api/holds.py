"""Manual hold routes: a credit manager holds a customer and lifts the hold by hand."""

from fastapi import APIRouter, Response

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanDecide
from credit_svc.api.hold_schemas import CreditHoldOut, PlaceHold, ReleaseHold, credit_hold_out
from credit_svc.use_cases.manage_holds import place_manual_hold, release_manual_hold
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1", tags=["credit holds"])


@router.post(
    "/customers/{customer_id}/holds",
    status_code=201,
    response_model=CreditHoldOut,
    summary="Hold a customer by hand: new orders are declined until released by hand",
)
async def place(
    customer_id: str,
    body: PlaceHold,
    session: DbSession,
    idempotency: Idempotent,
    now: Now,
    principal: CanDecide,
) -> Response | CreditHoldOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    hold = await place_manual_hold(
        uow, customer_id, note=body.reason, by=principal.subject, now=now
    )
    response = credit_hold_out(hold)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.post(
    "/holds/{hold_id}:release",
    response_model=CreditHoldOut,
    summary="Release a manual hold (automatic holds release when their cause clears)",
)
async def release(
    hold_id: str,
    body: ReleaseHold,
    session: DbSession,
    idempotency: Idempotent,
    now: Now,
    principal: CanDecide,
) -> Response | CreditHoldOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    hold = await release_manual_hold(uow, hold_id, note=body.reason, by=principal.subject, now=now)
    response = credit_hold_out(hold)
    await idempotency.remember(200, response)
    await uow.commit()
    return response
