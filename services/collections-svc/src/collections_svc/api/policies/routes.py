"""Dunning policy routes: draft a version, put it in force, list them, assign one to a customer."""

from typing import Annotated

from fastapi import APIRouter, Path, Response
from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import CanReadCollections, CanSetPolicy
from collections_svc.api.policies.schemas import (
    AssignPolicy,
    CustomerPolicyOut,
    DraftPolicy,
    LevelOut,
    PolicyOut,
    PolicyPage,
)
from collections_svc.domain.dunning_policy import DunningLevel, DunningPolicy
from collections_svc.use_cases.manage_dunning_policies import (
    activate_policy,
    assign_policy,
    draft_policy,
    page_of_policies,
)
from ledgerflow_events.money import format_minor, to_minor
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor
from ledgerflow_platform.web.problems import VALIDATION, Problem

router = APIRouter(tags=["dunning policies"])
Id = Annotated[str, Path(min_length=1, max_length=64)]


def policy_out(policy: DunningPolicy) -> PolicyOut:
    return PolicyOut(
        id=policy.id,
        name=policy.name,
        version=policy.version,
        status=policy.status,
        is_default=policy.is_default,
        levels=[
            LevelOut(
                level=level.level,
                days_from_due=level.days_from_due,
                channel=level.channel,
                template=level.template,
                fee=level.fee,
                escalation=level.escalation,
            )
            for level in policy.levels
        ],
        min_days_between_notices=policy.min_days_between_notices,
        min_amount={c: format_minor(a, c) for c, a in sorted(policy.min_amount.items())},
        promise_grace_days=policy.promise_grace_days,
    )


def _min_amounts(body: DraftPolicy) -> dict[str, int]:
    found = {}
    for currency, amount in body.min_amount.items():
        try:
            found[currency] = to_minor(amount, currency)
        except ValueError as exc:
            raise Problem(
                VALIDATION,
                str(exc),
                errors=[{"field": f"min_amount.{currency}", "message": str(exc)}],
            ) from exc
    return found


@router.post(
    "/v1/dunning-policies", status_code=201, response_model=PolicyOut, summary="Draft a policy"
)
async def post_policy(
    body: DraftPolicy, session: DbSession, idempotency: Idempotent, now: Now, _: CanSetPolicy
) -> Response | PolicyOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CollectionsUnitOfWork(session)
    policy = await draft_policy(
        uow,
        policy_id=str(uuid7()),
        name=body.name,
        levels=[DunningLevel(**level.model_dump()) for level in body.levels],
        min_days_between_notices=body.min_days_between_notices,
        min_amount=_min_amounts(body),
        promise_grace_days=body.promise_grace_days,
        now=now,
    )
    response = policy_out(policy)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.post(
    "/v1/dunning-policies/{policy_id}:activate",
    response_model=PolicyOut,
    summary="Put a draft in force, retiring the version it replaces",
)
async def post_activate(policy_id: Id, session: DbSession, _: CanSetPolicy) -> PolicyOut:
    uow = CollectionsUnitOfWork(session)
    policy = await activate_policy(uow, policy_id)
    await uow.commit()
    return policy_out(policy)


@router.get("/v1/dunning-policies", response_model=PolicyPage, summary="Every policy version")
async def get_policies(
    session: DbSession, _: CanReadCollections, limit: Limit = 50, cursor: Cursor = None
) -> PolicyPage:
    policies = await page_of_policies(
        CollectionsUnitOfWork(session), after=decode_cursor(cursor), limit=limit
    )
    return PolicyPage(
        items=[policy_out(p) for p in policies],
        next_cursor=next_cursor([p.id for p in policies], limit),
    )


@router.put(
    "/v1/customers/{customer_id}/dunning-policy",
    response_model=CustomerPolicyOut,
    summary="Make a customer follow a policy instead of the default",
)
async def put_customer_policy(
    customer_id: Id, body: AssignPolicy, session: DbSession, _: CanSetPolicy
) -> CustomerPolicyOut:
    uow = CollectionsUnitOfWork(session)
    policy = await assign_policy(uow, customer_id=customer_id, policy_id=body.policy_id)
    await uow.commit()
    return CustomerPolicyOut(customer_id=customer_id, policy=policy_out(policy))
