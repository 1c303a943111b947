"""Accounting period routes: list the months' states, close one once its checks pass, and
reopen one (admins only, for a reason, kept)."""

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Path

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.periods.schemas import PeriodList, PeriodName, PeriodOut, ReopenPeriod
from ledger_svc.domain.periods.accounting_period import AccountingPeriod
from ledger_svc.use_cases.periods.close_period import close_period, reopen_period
from ledger_svc.use_cases.periods.list_periods import list_periods
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.business_date import BusinessDate
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/periods", tags=["periods"])

CanClose = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN))]
CanReopen = Annotated[Principal, Depends(require_roles(Role.ADMIN))]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]
Period = Annotated[PeriodName, Path(description="The calendar month, YYYY-MM")]


def period_out(period: AccountingPeriod) -> PeriodOut:
    return PeriodOut.model_validate(asdict(period))


@router.get("", response_model=PeriodList, summary="Every month's state, to the business date's")
async def get_periods(session: DbSession, today: BusinessDate, _: CanRead) -> PeriodList:
    periods = await list_periods(LedgerUnitOfWork(session), today=today)
    return PeriodList(items=[period_out(p) for p in periods])


@router.post(
    "/{period}:close",
    response_model=PeriodOut,
    summary="Close a month once the books are consistent and its bank lines are explained",
)
async def close(
    period: Period, session: DbSession, now: Now, today: BusinessDate, principal: CanClose
) -> PeriodOut:
    uow = LedgerUnitOfWork(session)
    closed = await close_period(
        uow, period=period, closed_by=principal.subject, closed_at=now, today=today
    )
    await uow.commit()
    return period_out(closed)


@router.post("/{period}:reopen", response_model=PeriodOut, summary="Reopen a closed month")
async def reopen(
    period: Period, body: ReopenPeriod, session: DbSession, now: Now, principal: CanReopen
) -> PeriodOut:
    uow = LedgerUnitOfWork(session)
    reopened = await reopen_period(
        uow, period=period, reopened_by=principal.subject, reopened_at=now, reason=body.reason
    )
    await uow.commit()
    return period_out(reopened)
