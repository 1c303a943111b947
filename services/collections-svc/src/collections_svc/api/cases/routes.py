"""Collection case routes: parse, call the use case, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.cases.render import case_out, worker_of
from collections_svc.api.cases.schemas import CaseOut, CasePage
from collections_svc.domain.case import CaseStatus
from collections_svc.domain.case_work import OthersWorklist
from collections_svc.use_cases.look_up_cases import page_of_cases
from collections_svc.use_cases.work_cases import case_for, standings_of
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1/cases", tags=["cases"])

# Cashiers post money; who is chased for it is not their business.
CanReadCases = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.COLLECTOR,
            Role.CREDIT_MANAGER,
            Role.ACCOUNTANT,
            Role.AUDITOR,
            Role.ADMIN,
            Role.SERVICE,
        )
    ),
]
CaseId = Annotated[str, Path(min_length=1, max_length=64)]
CustomerFilter = Annotated[
    str | None, Query(min_length=1, max_length=64, description="Only this customer's")
]
StatusFilter = Annotated[CaseStatus | None, Query(description="Only open or only closed cases")]
CollectorFilter = Annotated[
    str | None, Query(min_length=1, max_length=200, description="Only this collector's cases")
]


@router.get(
    "",
    response_model=CasePage,
    summary="Collection cases, oldest first (a collector sees only their own)",
)
async def list_cases(
    session: DbSession,
    principal: CanReadCases,
    customer_id: CustomerFilter = None,
    status: StatusFilter = None,
    collector: CollectorFilter = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CasePage:
    own = worker_of(principal).only_own
    if own is not None and collector not in (None, own):
        raise OthersWorklist(collector or "")
    uow = CollectionsUnitOfWork(session)
    cases = await page_of_cases(
        uow,
        customer_id=customer_id,
        status=status,
        collector=own or collector,
        after=decode_cursor(cursor),
        limit=limit,
    )
    standings = await standings_of(uow, cases)
    return CasePage(
        items=[case_out(c, standings[c.id]) for c in cases],
        next_cursor=next_cursor([c.id for c in cases], limit),
    )


@router.get("/{case_id}", response_model=CaseOut, summary="One collection case")
async def get_case(case_id: CaseId, session: DbSession, principal: CanReadCases) -> CaseOut:
    uow = CollectionsUnitOfWork(session)
    case = await case_for(uow, case_id, worker_of(principal), to_work=False)
    return case_out(case, (await standings_of(uow, [case]))[case.id])
