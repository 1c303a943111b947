"""Collection case routes: parse, call the use case, respond."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.cases.schemas import CaseOut, CasePage
from collections_svc.domain.case import CaseStatus, CollectionCase
from collections_svc.use_cases.look_up_cases import case_by_id, page_of_cases
from ledgerflow_events.money import format_minor
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
CustomerFilter = Annotated[str | None, Query(min_length=1, description="Only this customer's")]
StatusFilter = Annotated[CaseStatus | None, Query(description="Only open or only closed cases")]


def _out(case: CollectionCase) -> CaseOut:
    return CaseOut(
        id=case.id,
        customer_id=case.customer_id,
        status=case.status,
        currency=case.currency,
        overdue_amount=format_minor(case.overdue_amount, case.currency),
        opened_on=case.opened_on,
        closed_on=case.closed_on,
    )


@router.get("", response_model=CasePage, summary="Collection cases, oldest first")
async def list_cases(
    session: DbSession,
    _: CanReadCases,
    customer_id: CustomerFilter = None,
    status: StatusFilter = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CasePage:
    cases = await page_of_cases(
        CollectionsUnitOfWork(session),
        customer_id=customer_id,
        status=status,
        after=decode_cursor(cursor),
        limit=limit,
    )
    return CasePage(
        items=[_out(c) for c in cases], next_cursor=next_cursor([c.id for c in cases], limit)
    )


@router.get("/{case_id}", response_model=CaseOut, summary="One collection case")
async def get_case(case_id: str, session: DbSession, _: CanReadCases) -> CaseOut:
    return _out(await case_by_id(CollectionsUnitOfWork(session), case_id))
