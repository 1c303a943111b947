"""Case work: assign a case, log what was done on it, and the worklist."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import Resources
from collections_svc.api.cases.render import case_out, worker_of
from collections_svc.api.cases.routes import CanReadCases, CaseId
from collections_svc.api.cases.schemas import CaseOut
from collections_svc.api.cases.work_schemas import (
    ActivityOut,
    ActivityPage,
    AssignCase,
    LogActivity,
    WorkItemOut,
    Worklist,
)
from collections_svc.domain.case_work import Activity, OthersWorklist
from collections_svc.use_cases.rank_worklist import worklist
from collections_svc.use_cases.work_cases import (
    assign_case,
    case_for,
    record_activity,
    standings_of,
)
from ledgerflow_events.money import format_minor
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(tags=["cases"])

# Credit managers and admins share the cases out; collectors work those given to them.
CanAssign = Annotated[Principal, Depends(require_roles(Role.CREDIT_MANAGER, Role.ADMIN))]
CanWork = Annotated[
    Principal, Depends(require_roles(Role.COLLECTOR, Role.CREDIT_MANAGER, Role.ADMIN))
]
Currency = Annotated[str | None, Query(pattern=r"^[A-Z]{3}$", description="Only cases in it")]
Collector = Annotated[
    str | None, Query(min_length=1, max_length=200, description="Only this collector's cases")
]


def _activity_out(activity: Activity) -> ActivityOut:
    return ActivityOut(
        id=activity.id,
        case_id=activity.case_id,
        kind=activity.kind,
        outcome=activity.outcome,
        occurred_at=activity.occurred_at,
        next_action_on=activity.next_action_on,
        note=activity.note,
        recorded_by=activity.recorded_by,
        recorded_at=activity.recorded_at,
    )


@router.post(
    "/v1/cases/{case_id}:assign",
    response_model=CaseOut,
    summary="Assign the case to a collector (credit managers and admins)",
)
async def post_assign(
    case_id: CaseId,
    body: AssignCase,
    session: DbSession,
    resources: Resources,
    now: Now,
    _: CanAssign,
) -> CaseOut:
    uow = CollectionsUnitOfWork(session)
    case = await assign_case(
        uow, case_id=case_id, collector=body.collector, on=resources.business_date(now)
    )
    standing = (await standings_of(uow, [case]))[case.id]
    await uow.commit()
    return case_out(case, standing)


@router.post(
    "/v1/cases/{case_id}/activities",
    status_code=201,
    response_model=ActivityOut,
    summary="Log a call, e-mail, visit, letter or note on a case, with its outcome",
)
async def post_activity(
    case_id: CaseId,
    body: LogActivity,
    session: DbSession,
    resources: Resources,
    now: Now,
    principal: CanWork,
) -> ActivityOut:
    uow = CollectionsUnitOfWork(session)
    activity = await record_activity(
        uow,
        activity_id=str(uuid7()),
        case_id=case_id,
        worker=worker_of(principal),
        kind=body.kind,
        outcome=body.outcome,
        occurred_at=body.occurred_at,
        next_action_on=body.next_action_on,
        note=body.note,
        now=now,
        business_date=resources.business_date(now),
    )
    await uow.commit()
    return _activity_out(activity)


@router.get(
    "/v1/cases/{case_id}/activities",
    response_model=ActivityPage,
    summary="A case's activity log, in the order it was recorded",
)
async def list_activities(
    case_id: CaseId,
    session: DbSession,
    principal: CanReadCases,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ActivityPage:
    uow = CollectionsUnitOfWork(session)
    await case_for(uow, case_id, worker_of(principal), to_work=False)
    activities = await uow.activities.of_case(case_id, after=decode_cursor(cursor), limit=limit)
    return ActivityPage(
        items=[_activity_out(a) for a in activities],
        next_cursor=next_cursor([a.id for a in activities], limit),
    )


@router.get(
    "/v1/worklist",
    response_model=Worklist,
    summary="Open cases, most urgent first",
    description="Priority = 10 points per digit of the collectible amount in whole units "
    "(overdue less disputed) + 1 point per day past due of the oldest overdue invoice + the "
    "credit grade's points (A 0, B 10, C 20, D 40, E 60, ungraded 20) + 25 points per broken "
    "promise. Ties: larger collectible amount, then older case. A collector sees only their "
    "own cases.",
)
async def get_worklist(
    session: DbSession,
    resources: Resources,
    now: Now,
    principal: CanReadCases,
    currency: Currency = None,
    collector: Collector = None,
    limit: Limit = 100,
) -> Worklist:
    worker = worker_of(principal)
    own = worker.only_own
    if own is not None and collector not in (None, own):
        raise OthersWorklist(collector or "")
    uow = CollectionsUnitOfWork(session)
    items = await worklist(
        uow,
        currency=currency,
        collector=own or collector,
        on=resources.business_date(now),
        limit=limit,
    )
    standings = await standings_of(uow, [i.case for i in items])
    next_actions = await uow.activities.next_actions([i.case.id for i in items])
    return Worklist(
        items=[
            WorkItemOut(
                case=case_out(i.case, standings[i.case.id]),
                priority=i.priority,
                collectible_amount=format_minor(i.facts.collectible_amount, i.case.currency),
                disputed_amount=format_minor(i.facts.disputed_amount, i.case.currency),
                oldest_days_past_due=i.facts.oldest_days_past_due,
                credit_grade=i.facts.grade,
                broken_promises=i.facts.broken_promises,
                next_action_on=next_actions.get(i.case.id),
            )
            for i in items
        ]
    )
