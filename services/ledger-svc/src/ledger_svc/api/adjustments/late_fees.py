"""Late-fee routes: policies per currency, dated runs, and the fees charged."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.adjustments.render import late_fee_out, policy_out
from ledger_svc.api.adjustments.schemas import (
    LateFeePage,
    LateFeePolicyIn,
    LateFeePolicyOut,
    LateFeeRunOut,
    StartLateFeeRun,
)
from ledger_svc.domain.adjustments.late_fee import LateFeePolicyNotFound, period_of
from ledger_svc.use_cases.adjustments.charge_late_fees import charge_late_fees
from ledger_svc.use_cases.adjustments.set_late_fee_policy import set_late_fee_policy
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1", tags=["late fees"])

CanSetPolicy = Annotated[Principal, Depends(require_roles(Role.ADMIN, Role.ACCOUNTANT))]
CanRun = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]
Currency = Annotated[str, Path(description="ISO 4217 code, e.g. EUR", examples=["EUR"])]


@router.put(
    "/late-fee-policies/{currency}",
    response_model=LateFeePolicyOut,
    summary="Set the late-fee policy of a currency (replaces the previous one)",
)
async def put_policy(
    currency: Currency, body: LateFeePolicyIn, session: DbSession, principal: CanSetPolicy
) -> LateFeePolicyOut:
    uow = LedgerUnitOfWork(session)
    policy = await set_late_fee_policy(
        uow,
        currency=currency,
        kind=body.kind,
        amount=body.amount,
        percent_per_month=body.percent_per_month,
        grace_days=body.grace_days,
        set_by=principal.subject,
    )
    await uow.commit()
    return policy_out(policy)


@router.get(
    "/late-fee-policies/{currency}", response_model=LateFeePolicyOut, summary="A late-fee policy"
)
async def get_policy(currency: Currency, session: DbSession, _: CanRead) -> LateFeePolicyOut:
    policy = await LedgerUnitOfWork(session).late_fees.policy(currency)
    if policy is None:
        raise LateFeePolicyNotFound(currency)
    return policy_out(policy)


@router.get(
    "/late-fee-policies", response_model=list[LateFeePolicyOut], summary="Every late-fee policy"
)
async def list_policies(session: DbSession, _: CanRead) -> list[LateFeePolicyOut]:
    return [policy_out(p) for p in await LedgerUnitOfWork(session).late_fees.policies()]


@router.post(
    "/late-fee-runs",
    response_model=LateFeeRunOut,
    summary="Charge late fees as of a date (each overdue invoice at most once per month)",
)
async def run_late_fees(
    body: StartLateFeeRun, session: DbSession, idempotency: Idempotent, dates: Dates, _: CanRun
) -> Response | LateFeeRunOut:
    dates.run(body.as_of, field="as_of")
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    fees = await charge_late_fees(uow, as_of=body.as_of)
    response = LateFeeRunOut(
        as_of=body.as_of,
        period=period_of(body.as_of),
        invoices_charged=len(fees),
        fees=[late_fee_out(f) for f in fees],
    )
    await idempotency.remember(200, response)
    await uow.commit()
    return response


@router.get("/late-fees", response_model=LateFeePage, summary="Late fees charged, filtered")
async def list_late_fees(
    session: DbSession,
    _: CanRead,
    customer_id: Annotated[str | None, Query(description="Only this customer's")] = None,
    invoice_id: Annotated[str | None, Query(description="Only on this invoice")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> LateFeePage:
    fees = await LedgerUnitOfWork(session).late_fees.page(
        customer_id=customer_id, invoice_id=invoice_id, after=decode_cursor(cursor), limit=limit
    )
    return LateFeePage(
        items=[late_fee_out(f) for f in fees],
        next_cursor=next_cursor([f.id for f in fees], limit),
    )
