"""Credit managers draft policy versions and put one in force."""

from datetime import datetime
from typing import Any

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.policy import (
    CreditPolicy,
    PolicyNotFound,
    PolicyStatus,
    activate,
    checked_rules,
)


async def draft_policy(
    uow: CreditUnitOfWork, rules: dict[str, Any], *, by: str, now: datetime
) -> CreditPolicy:
    policy = CreditPolicy(
        version=await uow.policies.next_version(),
        status=PolicyStatus.DRAFT,
        rules=checked_rules(rules),
        created_by=by,
        created_at=now,
    )
    await uow.policies.add(policy)
    return policy


async def activate_policy(uow: CreditUnitOfWork, version: int, *, now: datetime) -> CreditPolicy:
    draft = await uow.policies.get(version, for_update=True)
    if draft is None:
        raise PolicyNotFound(version)
    active = activate(draft, now)
    await uow.policies.put_in_force(active)
    return active


async def read_policy(uow: CreditUnitOfWork, version: int) -> CreditPolicy:
    policy = await uow.policies.get(version)
    if policy is None:
        raise PolicyNotFound(version)
    return policy
