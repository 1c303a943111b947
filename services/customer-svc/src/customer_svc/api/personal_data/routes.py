"""The personal-data access log, for auditors: who saw which clear values, when and why."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from customer_svc.adapters.personal_data.access_log import AccessLogQuery
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.personal_data.schemas import AccessLogEntryOut, AccessLogPage
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.bounds import BusinessTime
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1/access-log", tags=["access log"])

CanAudit = Annotated[Principal, Depends(require_roles(Role.AUDITOR, Role.ADMIN))]


@router.get(
    "",
    response_model=AccessLogPage,
    summary="Disclosures of clear personal data, newest first",
    description="`from` is inclusive, `to` exclusive (RFC 3339 timestamps).",
)
async def access_log(
    session: DbSession,
    _: CanAudit,
    customer_id: str | None = None,
    subject: str | None = None,
    since: Annotated[BusinessTime | None, Query(alias="from")] = None,
    until: Annotated[BusinessTime | None, Query(alias="to")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> AccessLogPage:
    query = AccessLogQuery(customer_id=customer_id, subject=subject, since=since, until=until)
    rows = await CustomerUnitOfWork(session).access_log.page(
        query, before=decode_cursor(cursor), limit=limit
    )
    return AccessLogPage(
        items=[AccessLogEntryOut.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor([r.id for r in rows], limit),
    )
