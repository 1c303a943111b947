"""Create dunning policy versions, put one in force, and assign a policy to a customer."""

from collections.abc import Mapping, Sequence
from datetime import datetime

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.dunning_policy import (
    DunningLevel,
    DunningPolicy,
    PolicyNotDraft,
    PolicyNotFound,
    PolicyNotInForce,
    PolicyStatus,
    check_levels,
)


async def draft_policy(
    uow: CollectionsUnitOfWork,
    *,
    policy_id: str,
    name: str,
    levels: Sequence[DunningLevel],
    min_days_between_notices: int,
    min_amount: Mapping[str, int],
    promise_grace_days: int,
    now: datetime,
) -> DunningPolicy:
    """A new version of the policy named `name`, as a draft: nothing changes until activated."""
    policy = DunningPolicy(
        id=policy_id,
        name=name,
        version=await uow.policies.next_version_of(name),
        status=PolicyStatus.DRAFT,
        levels=check_levels(levels),
        min_days_between_notices=min_days_between_notices,
        min_amount=dict(min_amount),
        promise_grace_days=promise_grace_days,
    )
    await uow.policies.add(policy, now)
    return policy


async def activate_policy(uow: CollectionsUnitOfWork, policy_id: str) -> DunningPolicy:
    policy = await uow.policies.get(policy_id, for_update=True)
    if policy is None:
        raise PolicyNotFound(policy_id)
    if policy.status is not PolicyStatus.DRAFT:
        raise PolicyNotDraft(policy_id, policy.status)
    previous = await uow.policies.in_force(policy.name)
    if previous is not None:
        await uow.policies.set_status(previous.id, PolicyStatus.RETIRED)
    await uow.policies.set_status(policy.id, PolicyStatus.ACTIVE)
    return await _reread(uow, policy_id)


async def assign_policy(
    uow: CollectionsUnitOfWork, *, customer_id: str, policy_id: str
) -> DunningPolicy:
    """The customer follows the policy's version in force from now on, and later versions."""
    policy = await uow.policies.get(policy_id)
    if policy is None:
        raise PolicyNotFound(policy_id, field="policy_id")
    in_force = await uow.policies.in_force(policy.name)
    if in_force is None:
        raise PolicyNotInForce(policy_id)
    await uow.policies.assign(customer_id, policy.name)
    return in_force


async def page_of_policies(
    uow: CollectionsUnitOfWork, *, after: str | None, limit: int
) -> list[DunningPolicy]:
    return await uow.policies.page(after=after, limit=limit)


async def _reread(uow: CollectionsUnitOfWork, policy_id: str) -> DunningPolicy:
    policy = await uow.policies.get(policy_id)
    assert policy is not None, "read in this same transaction"
    return policy
