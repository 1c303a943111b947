"""The order path: the credit check order systems call on every order, and overrides."""

from fastapi import APIRouter, Response

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanCheck, CanDecide
from credit_svc.api.check_route import CreditCheckRoute
from credit_svc.api.order_schemas import (
    CheckCredit,
    CreditCheckOut,
    OverrideOrder,
    OverrideOut,
    check_out,
    override_out,
)
from credit_svc.use_cases.check_credit import OrderToCheck, check_credit
from credit_svc.use_cases.grant_override import grant_override
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1", tags=["credit checks"])


async def post_credit_check(
    body: CheckCredit, session: DbSession, idempotency: Idempotent, now: Now, _: CanCheck
) -> Response | CreditCheckOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    order = OrderToCheck(
        customer_id=body.customer_id,
        amount=body.amount,
        currency=body.currency,
        order_reference=body.order_reference,
        reserve=body.reserve,
        expires_at=body.expires_at,
    )
    checked = await check_credit(uow, order, now)
    response = check_out(checked.outcome, body.currency, checked.reservation_id)
    await idempotency.remember(200, response)
    await uow.commit()
    return response


# Declared as every route is; CreditCheckRoute answers the common request more directly.
router.add_api_route(
    "/credit-checks",
    post_credit_check,
    methods=["POST"],
    response_model=CreditCheckOut,
    summary="May this order pass? approved, referred or declined, with the reasons",
    route_class_override=CreditCheckRoute,
)


@router.post(
    "/credit-overrides",
    status_code=201,
    response_model=OverrideOut,
    summary="Override a referred order: its next check approves (declines stand)",
)
async def post_override(
    body: OverrideOrder,
    session: DbSession,
    idempotency: Idempotent,
    now: Now,
    principal: CanDecide,
) -> Response | OverrideOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    override = await grant_override(
        uow,
        body.customer_id,
        order_reference=body.order_reference,
        amount=body.amount,
        reason=body.reason,
        by=principal.subject,
        now=now,
    )
    response = override_out(override)
    await idempotency.remember(201, response)
    await uow.commit()
    return response
