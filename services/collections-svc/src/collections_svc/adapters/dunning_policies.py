"""Dunning policies, every version of them, and which policy a customer follows."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.dunning_tables import customer_dunning_policies, dunning_policies
from collections_svc.domain.dunning_policy import (
    DEFAULT_POLICY,
    Channel,
    DunningLevel,
    DunningPolicy,
    Escalation,
    PolicyStatus,
    Template,
)


def _level_json(level: DunningLevel) -> dict[str, Any]:
    found: dict[str, Any] = {
        "level": level.level,
        "days_from_due": level.days_from_due,
        "channel": level.channel.value,
        "template": level.template.value,
    }
    if level.fee is not None:
        found["fee"] = level.fee
    if level.escalation is not None:
        found["escalation"] = level.escalation.value
    return found


def _level(found: Mapping[str, Any]) -> DunningLevel:
    escalation = found.get("escalation")
    return DunningLevel(
        level=found["level"],
        days_from_due=found["days_from_due"],
        channel=Channel(found["channel"]),
        template=Template(found["template"]),
        fee=found.get("fee"),
        escalation=Escalation(escalation) if escalation else None,
    )


def _policy(row: Any) -> DunningPolicy:
    return DunningPolicy(
        id=row.id,
        name=row.name,
        version=row.version,
        status=PolicyStatus(row.status),
        levels=tuple(_level(found) for found in row.levels),
        min_days_between_notices=row.min_days_between_notices,
        min_amount=dict(row.min_amount),
        promise_grace_days=row.promise_grace_days,
    )


class DunningPolicies:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def next_version_of(self, name: str) -> int:
        latest = await self._session.scalar(
            select(func.max(dunning_policies.c.version)).where(dunning_policies.c.name == name)
        )
        return (latest or 0) + 1

    async def add(self, policy: DunningPolicy, created_at: datetime) -> None:
        await self._session.execute(
            insert(dunning_policies).values(
                id=policy.id,
                name=policy.name,
                version=policy.version,
                status=policy.status.value,
                levels=[_level_json(level) for level in policy.levels],
                min_days_between_notices=policy.min_days_between_notices,
                min_amount=dict(policy.min_amount),
                promise_grace_days=policy.promise_grace_days,
                created_at=created_at,
            )
        )

    async def get(self, policy_id: str, *, for_update: bool = False) -> DunningPolicy | None:
        query = select(dunning_policies).where(dunning_policies.c.id == policy_id)
        row = (
            await self._session.execute(query.with_for_update() if for_update else query)
        ).first()
        return _policy(row) if row else None

    async def set_status(self, policy_id: str, status: PolicyStatus) -> None:
        await self._session.execute(
            update(dunning_policies)
            .where(dunning_policies.c.id == policy_id)
            .values(status=status.value)
        )

    async def in_force(self, name: str) -> DunningPolicy | None:
        row = (
            await self._session.execute(
                select(dunning_policies).where(
                    dunning_policies.c.name == name,
                    dunning_policies.c.status == PolicyStatus.ACTIVE.value,
                )
            )
        ).first()
        return _policy(row) if row else None

    async def all_in_force(self) -> dict[str, DunningPolicy]:
        rows = await self._session.execute(
            select(dunning_policies).where(dunning_policies.c.status == PolicyStatus.ACTIVE.value)
        )
        return {row.name: _policy(row) for row in rows}

    async def page(self, *, after: str | None, limit: int) -> list[DunningPolicy]:
        query = select(dunning_policies).order_by(dunning_policies.c.id).limit(limit)
        if after is not None:
            query = query.where(dunning_policies.c.id > after)
        return [_policy(row) for row in await self._session.execute(query)]

    async def assign(self, customer_id: str, name: str) -> None:
        statement = insert(customer_dunning_policies).values(
            customer_id=customer_id, policy_name=name
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[customer_dunning_policies.c.customer_id],
                set_={"policy_name": statement.excluded.policy_name},
            )
        )

    async def assigned(self) -> dict[str, str]:
        """Each customer with a policy of its own, mapped to the policy's name; others follow
        the default."""
        rows = await self._session.execute(select(customer_dunning_policies))
        return {row.customer_id: row.policy_name for row in rows}

    async def name_for(self, customer_id: str) -> str:
        found = await self._session.scalar(
            select(customer_dunning_policies.c.policy_name).where(
                customer_dunning_policies.c.customer_id == customer_id
            )
        )
        return found or DEFAULT_POLICY
