"""Complaints: record, assign and resolve them, list them, measure them. Parse, call the use
case, commit, respond."""

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.api.complaints.render import complaint_out, duration_out
from customer_svc.api.complaints.schemas import (
    AssignComplaint,
    ComplaintOut,
    ComplaintPage,
    ComplaintStatsOut,
    RecordComplaint,
    ResolveComplaint,
)
from customer_svc.domain.complaints.complaint import Complaint, ComplaintNotFound, ComplaintStatus
from customer_svc.domain.complaints.stats import complaint_stats, stats_window
from customer_svc.use_cases.complaints.assign_complaint import assign_complaint
from customer_svc.use_cases.complaints.record_complaint import record_complaint
from customer_svc.use_cases.complaints.resolve_complaint import resolve_complaint
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.bounds import BusinessDate
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1/complaints", tags=["complaints"])

HANDLERS = (Role.ACCOUNTANT, Role.COLLECTOR, Role.CREDIT_MANAGER, Role.ADMIN)
CanHandle = Annotated[Principal, Depends(require_roles(*HANDLERS))]
CanRead = Annotated[Principal, Depends(require_roles(*HANDLERS, Role.AUDITOR))]


async def _done(
    uow: CustomerUnitOfWork, complaint: Complaint, idempotency: Idempotent, status: int
) -> ComplaintOut:
    response = complaint_out(complaint)
    await idempotency.remember(status, response)
    await uow.commit()
    return response


@router.post("", status_code=201, response_model=ComplaintOut, summary="Record a complaint")
async def record(
    body: RecordComplaint,
    session: DbSession,
    idempotency: Idempotent,
    principal: CanHandle,
    now: Now,
) -> Response | ComplaintOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    complaint = await record_complaint(
        uow,
        customer_id=body.customer_id,
        channel=body.channel,
        category=body.category,
        severity=body.severity,
        description=body.description,
        received_at=body.received_at,
        now=now,
        by=principal.subject,
    )
    return await _done(uow, complaint, idempotency, 201)


@router.post(
    "/{complaint_id}/assignment", response_model=ComplaintOut, summary="Assign a complaint"
)
async def assign(
    complaint_id: str,
    body: AssignComplaint,
    session: DbSession,
    idempotency: Idempotent,
    _: CanHandle,
    now: Now,
) -> Response | ComplaintOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    complaint = await assign_complaint(
        uow,
        complaint_id,
        assignee=body.assignee,
        assigned_at=body.assigned_at,
        now=now,
    )
    return await _done(uow, complaint, idempotency, 200)


@router.post(
    "/{complaint_id}/resolution", response_model=ComplaintOut, summary="Resolve a complaint"
)
async def resolve(
    complaint_id: str,
    body: ResolveComplaint,
    session: DbSession,
    idempotency: Idempotent,
    principal: CanHandle,
    now: Now,
) -> Response | ComplaintOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CustomerUnitOfWork(session)
    complaint = await resolve_complaint(
        uow,
        complaint_id,
        resolution=body.resolution,
        resolved_at=body.resolved_at,
        now=now,
        by=principal.subject,
    )
    return await _done(uow, complaint, idempotency, 200)


@router.get("/stats", response_model=ComplaintStatsOut, summary="Complaint counts and times")
async def stats(
    session: DbSession,
    _: CanRead,
    now: Now,
    first_day: Annotated[
        BusinessDate | None, Query(alias="from", description="Default: 30 days ago")
    ] = None,
    last_day: Annotated[
        BusinessDate | None, Query(alias="to", description="Default: today")
    ] = None,
) -> ComplaintStatsOut:
    start, end = stats_window(first_day, last_day, today=now.date())
    found = complaint_stats(await CustomerUnitOfWork(session).complaints.timings(start, end))
    return ComplaintStatsOut(
        from_=start.date(),
        to=(end - timedelta(days=1)).date(),
        received=found.received,
        by_status=found.by_status,
        by_category=found.by_category,
        by_severity=found.by_severity,
        response_time=duration_out(found.response),
        resolution_time=duration_out(found.resolution),
    )


@router.get("", response_model=ComplaintPage, summary="Complaints, oldest first, filtered")
async def list_complaints(
    session: DbSession,
    _: CanRead,
    customer_id: str | None = None,
    status: ComplaintStatus | None = None,
    assignee: str | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ComplaintPage:
    found = await CustomerUnitOfWork(session).complaints.page(
        customer_id=customer_id,
        status=status,
        assignee=assignee,
        after=decode_cursor(cursor),
        limit=limit,
    )
    return ComplaintPage(
        items=[complaint_out(c) for c in found],
        next_cursor=next_cursor([c.id for c in found], limit),
    )


@router.get("/{complaint_id}", response_model=ComplaintOut, summary="One complaint, with its times")
async def get_complaint(complaint_id: str, session: DbSession, _: CanRead) -> ComplaintOut:
    complaint = await CustomerUnitOfWork(session).complaints.get(complaint_id)
    if complaint is None:
        raise ComplaintNotFound(f"No complaint with id {complaint_id}.")
    return complaint_out(complaint)
