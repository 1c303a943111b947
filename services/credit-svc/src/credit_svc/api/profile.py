"""Credit profiles: how much of its limit a customer has used, whether it is held, and the
risk list across customers."""

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query

from credit_svc.adapters.profile_list import standings_page
from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanRead
from credit_svc.api.profile_schemas import (
    CreditProfileOut,
    CreditProfilePage,
    profile_out,
    summary_out,
)
from credit_svc.use_cases.read_credit_profile import read_credit_profile
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1", tags=["credit profile"])


@router.get(
    "/customers/{customer_id}/credit",
    response_model=CreditProfileOut,
    summary="A customer's credit profile: exposure against its limit, holds and terms",
)
async def get_credit_profile(
    customer_id: str, session: DbSession, now: Now, _: CanRead
) -> CreditProfileOut:
    profile = await read_credit_profile(CreditUnitOfWork(session), customer_id, now)
    return profile_out(profile)


@router.get(
    "/credit-profiles",
    response_model=CreditProfilePage,
    summary="Who is risky, who is good: customers' standing, filtered, by customer id",
)
async def list_credit_profiles(
    session: DbSession,
    now: Now,
    _: CanRead,
    grade: Annotated[
        str | None,
        Query(pattern="^[A-E]$", description="Only customers of this grade"),
    ] = None,
    on_hold: Annotated[bool | None, Query(description="Only held (or only not held)")] = None,
    min_utilisation: Annotated[
        Decimal | None, Query(ge=0, le=100_000, description="Exposure at least this % of limit")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CreditProfilePage:
    found = await standings_page(
        session,
        now=now,
        after=decode_cursor(cursor),
        limit=limit,
        grade=grade,
        on_hold=on_hold,
        min_utilisation=min_utilisation,
    )
    return CreditProfilePage(
        items=[summary_out(listed) for listed in found],
        next_cursor=next_cursor([listed.standing.customer_id for listed in found], limit),
    )
