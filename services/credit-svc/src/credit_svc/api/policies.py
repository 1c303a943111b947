"""Credit policy routes: draft a version, put it in force, read every version."""

from typing import Annotated

from fastapi import APIRouter, Path, Response

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanDecide, CanRead
from credit_svc.api.policy_schemas import PolicyList, PolicyOut, PolicyRules, policy_out
from credit_svc.api.simulation_schemas import Simulate, SimulationOut, simulation_out
from credit_svc.use_cases.manage_policy import activate_policy, draft_policy, read_policy
from credit_svc.use_cases.simulate_policy import simulate_policy
from ledgerflow_platform.web.business_date import Dates
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1/credit-policies", tags=["credit policy"])
Version = Annotated[int, Path(ge=1, le=1_000_000)]


@router.post("", status_code=201, response_model=PolicyOut, summary="Draft a new policy version")
async def post_policy(
    body: PolicyRules, session: DbSession, idempotency: Idempotent, now: Now, principal: CanDecide
) -> Response | PolicyOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    policy = await draft_policy(uow, body.model_dump(mode="json"), by=principal.subject, now=now)
    response = policy_out(policy)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.post(
    "/{version}:activate",
    response_model=PolicyOut,
    summary="Put a draft in force; the version before stays readable, retired",
)
async def post_activation(
    version: Version, session: DbSession, idempotency: Idempotent, now: Now, _: CanDecide
) -> Response | PolicyOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    response = policy_out(await activate_policy(uow, version, now=now))
    await idempotency.remember(200, response)
    await uow.commit()
    return response


@router.post(
    "/{version}:simulate",
    response_model=SimulationOut,
    summary="Run a draft over every customer's inputs: grade and limit, in force vs draft",
)
async def post_simulation(
    version: Version, body: Simulate, session: DbSession, dates: Dates, _: CanDecide
) -> SimulationOut:
    # Changes nothing: no idempotency key needed, nothing committed.
    as_of = dates.run(body.as_of, field="as_of")
    return simulation_out(await simulate_policy(CreditUnitOfWork(session), version, as_of=as_of))


@router.get("", response_model=PolicyList, summary="Every policy version, newest first")
async def list_policies(session: DbSession, _: CanRead) -> PolicyList:
    return PolicyList(items=[policy_out(p) for p in await CreditUnitOfWork(session).policies.all()])


@router.get("/{version:int}", response_model=PolicyOut, summary="One policy version")
async def get_policy(version: Version, session: DbSession, _: CanRead) -> PolicyOut:
    return policy_out(await read_policy(CreditUnitOfWork(session), version))
