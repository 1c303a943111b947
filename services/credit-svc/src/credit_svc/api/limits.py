"""Credit limit routes: a credit manager sets, another approves a large increase."""

from fastapi import APIRouter, Response

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanDecide, CanRead, Resources
from credit_svc.api.limit_schemas import (
    CreditLimitHistory,
    CreditLimitOut,
    SetCreditLimit,
    limit_out,
)
from credit_svc.use_cases.credit_standing import account_of
from credit_svc.use_cases.set_credit_limit import approve_credit_limit, set_credit_limit
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1", tags=["credit limits"])


@router.post(
    "/customers/{customer_id}/credit-limits",
    status_code=201,
    response_model=CreditLimitOut,
    summary="Set a customer's credit limit; an increase above the threshold awaits approval",
)
async def post_credit_limit(
    customer_id: str,
    body: SetCreditLimit,
    session: DbSession,
    idempotency: Idempotent,
    resources: Resources,
    now: Now,
    principal: CanDecide,
) -> Response | CreditLimitOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    limit = await set_credit_limit(
        uow,
        customer_id,
        amount=body.amount,
        currency=body.currency,
        reason=body.reason,
        threshold_of=resources.approval_threshold,
        by=principal.subject,
        now=now,
    )
    response = limit_out(limit)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.post(
    "/credit-limits/{limit_id}:approve",
    response_model=CreditLimitOut,
    summary="Approve a pending limit someone else asked for; it comes into force",
)
async def approve(
    limit_id: str, session: DbSession, idempotency: Idempotent, now: Now, principal: CanDecide
) -> Response | CreditLimitOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    response = limit_out(await approve_credit_limit(uow, limit_id, by=principal.subject, now=now))
    await idempotency.remember(200, response)
    await uow.commit()
    return response


@router.get(
    "/customers/{customer_id}/credit-limits",
    response_model=CreditLimitHistory,
    summary="Every limit decision for a customer, oldest first",
)
async def limit_history(customer_id: str, session: DbSession, _: CanRead) -> CreditLimitHistory:
    uow = CreditUnitOfWork(session)
    await account_of(uow, customer_id)
    return CreditLimitHistory(items=[limit_out(x) for x in await uow.limits.history(customer_id)])
