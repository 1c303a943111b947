"""Approval routes: read a held action, and approve (carry it out) or reject it. Whoever asked
for it may do neither (segregation of duties)."""

from typing import Annotated

from fastapi import APIRouter, Depends

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.api.controls.schemas import ApprovalOut, approval_out
from ledger_svc.domain.controls.approvals import ApprovalNotFound
from ledger_svc.use_cases.controls.approvals import decide_approval
from ledgerflow_platform.auth.roles import EVERY_ROLE, Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/approvals", tags=["approvals"])

CanDecide = Annotated[
    Principal, Depends(require_roles(Role.ACCOUNTANT, Role.CREDIT_MANAGER, Role.ADMIN))
]
CanRead = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]


@router.get("/{approval_id}", response_model=ApprovalOut, summary="An approval request")
async def get_approval(approval_id: str, session: DbSession, _: CanRead) -> ApprovalOut:
    found = await LedgerUnitOfWork(session).approvals.get(approval_id)
    if found is None:
        raise ApprovalNotFound(approval_id)
    return approval_out(found)


async def _decide(
    approval_id: str, approve: bool, session: DbSession, now: Now, principal: Principal
) -> ApprovalOut:
    uow = LedgerUnitOfWork(session)
    decided = await decide_approval(
        uow, approval_id=approval_id, approve=approve, by=principal.subject, at=now
    )
    await uow.commit()
    return approval_out(decided)


@router.post(
    "/{approval_id}:approve",
    response_model=ApprovalOut,
    summary="Approve a held action: it is carried out now, as it was requested",
)
async def approve(
    approval_id: str, session: DbSession, now: Now, principal: CanDecide
) -> ApprovalOut:
    return await _decide(approval_id, True, session, now, principal)


@router.post("/{approval_id}:reject", response_model=ApprovalOut, summary="Reject a held action")
async def reject(
    approval_id: str, session: DbSession, now: Now, principal: CanDecide
) -> ApprovalOut:
    return await _decide(approval_id, False, session, now, principal)
