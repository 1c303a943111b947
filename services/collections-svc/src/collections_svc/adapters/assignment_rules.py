"""Assignment rules and the customer profiles they match, as stored."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.assignment_tables import (
    assignment_rule_sets,
    assignment_rules,
    customer_profiles,
)
from collections_svc.domain.assignment import AssignmentRule, CustomerProfile, RuleSet

# Any fixed number works; it only has to differ from the run lock's.
RULES_LOCK = 1_100_112


class AssignmentRules:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def current(self) -> RuleSet:
        latest = (
            await self._session.execute(
                select(assignment_rule_sets)
                .order_by(assignment_rule_sets.c.version.desc())
                .limit(1)
            )
        ).first()
        if latest is None:
            return RuleSet()
        rows = (
            await self._session.execute(
                select(assignment_rules)
                .where(assignment_rules.c.version == latest.version)
                .order_by(assignment_rules.c.position)
            )
        ).all()
        return RuleSet(
            version=latest.version,
            rules=tuple(AssignmentRule(r.region, r.segment, tuple(r.collectors)) for r in rows),
            set_at=latest.set_at,
            turns=tuple(r.next_turn for r in rows),
        )

    async def replace(self, rules: Sequence[AssignmentRule], at: datetime) -> RuleSet:
        """A new version of the whole list, each rule's rotation from its first collector."""
        # Two replacements at once take turns: the second numbers its version after the first.
        await self._session.execute(select(func.pg_advisory_xact_lock(RULES_LOCK)))
        current = (
            await self._session.execute(select(func.max(assignment_rule_sets.c.version)))
        ).scalar_one()
        version = (current or 0) + 1
        await self._session.execute(insert(assignment_rule_sets).values(version=version, set_at=at))
        if rules:
            await self._session.execute(
                insert(assignment_rules),
                [
                    {
                        "version": version,
                        "position": position,
                        "region": rule.region,
                        "segment": rule.segment,
                        "collectors": list(rule.collectors),
                        "next_turn": 0,
                    }
                    for position, rule in enumerate(rules)
                ],
            )
        return RuleSet(version, tuple(rules), at, tuple(0 for _ in rules))

    async def take_turn(self, version: int, position: int) -> int | None:
        """The rule's turn, moved on by one; the rule's row stays locked until the transaction
        ends, so two workers opening cases at once never get the same turn. None when that
        version was replaced meanwhile."""
        turn = (
            await self._session.execute(
                select(assignment_rules.c.next_turn)
                .where(
                    assignment_rules.c.version == version,
                    assignment_rules.c.position == position,
                )
                .with_for_update()
            )
        ).scalar_one_or_none()
        if turn is None:
            return None
        await self._session.execute(
            update(assignment_rules)
            .where(assignment_rules.c.version == version, assignment_rules.c.position == position)
            .values(next_turn=turn + 1)
        )
        return int(turn)


class CustomerProfiles:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def register(self, customer_id: str, profile: CustomerProfile) -> None:
        """As registered; a later change that arrived first knows better."""
        await self._session.execute(
            upsert(customer_profiles)
            .values(
                customer_id=customer_id,
                region=profile.region,
                segments=sorted(profile.segments),
            )
            .on_conflict_do_nothing(index_elements=[customer_profiles.c.customer_id])
        )

    async def save(self, customer_id: str, profile: CustomerProfile) -> None:
        statement = upsert(customer_profiles).values(
            customer_id=customer_id, region=profile.region, segments=sorted(profile.segments)
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[customer_profiles.c.customer_id],
                set_={
                    "region": statement.excluded.region,
                    "segments": statement.excluded.segments,
                },
            )
        )

    async def of(self, customer_id: str) -> CustomerProfile:
        """What is known of the customer; nothing known matches only catch-all rules."""
        row = (
            await self._session.execute(
                select(customer_profiles).where(customer_profiles.c.customer_id == customer_id)
            )
        ).first()
        if row is None:
            return CustomerProfile()
        return CustomerProfile(row.region, frozenset(row.segments))
