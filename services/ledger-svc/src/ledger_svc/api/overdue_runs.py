"""Overdue runs: mark what passed its due date unpaid as of a business date."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.schemas import OverdueRunOut, StartOverdueRun
from ledger_svc.use_cases.invoicing.mark_overdue_invoices import mark_overdue_invoices
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1/overdue-runs", tags=["overdue"])

CanRun = Annotated[Principal, Depends(require_roles(Role.ACCOUNTANT, Role.ADMIN, Role.SERVICE))]


@router.post(
    "",
    status_code=200,
    response_model=OverdueRunOut,
    summary="Mark invoices overdue as of a business date (repeatable: each is marked once)",
)
async def run_overdue(
    body: StartOverdueRun, session: DbSession, idempotency: Idempotent, _: CanRun
) -> Response | OverdueRunOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = LedgerUnitOfWork(session)
    marked = await mark_overdue_invoices(uow, as_of=body.as_of)
    response = OverdueRunOut(as_of=body.as_of, invoices_marked_overdue=len(marked))
    await idempotency.remember(200, response)
    await uow.commit()
    return response
