"""Credit policy versions: drafts, the one in force, and those it replaced."""

from sqlalchemy import ColumnClause, func, literal_column, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from credit_svc.adapters.policy_tables import CreditPolicyRow
from credit_svc.domain.policy import CreditPolicy, PolicyStatus

# The policy in force, kept by this process between transactions: every check and holds
# review needs it, and reading it each time cost a round trip and the decoding of its rules.
# Keyed by the version and the row's revision (its xmin: the id of the transaction that last
# wrote it, which the standing read returns with the version): an activation, or any other
# write to the row, is a new key, so the very next read misses and reads it afresh.
_IN_FORCE: dict[tuple[int, int], CreditPolicy] = {}
_KEPT = 8
_REVISION: ColumnClause[int] = literal_column("credit_policies.xmin::text::bigint")


def kept_in_force(version: int, revision: int) -> CreditPolicy | None:
    """The policy in force as kept by this process, if it is still that version and revision."""
    return _IN_FORCE.get((version, revision))


class CreditPolicies:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def in_force_at(self, version: int, revision: int) -> CreditPolicy:
        """The policy in force, as the standing read named it (its version and revision)."""
        kept = kept_in_force(version, revision)
        if kept is not None:
            return kept
        row, read_revision = (
            await self._session.execute(
                select(CreditPolicyRow, _REVISION).where(
                    col(CreditPolicyRow.status) == PolicyStatus.ACTIVE
                )
            )
        ).one()
        policy = _policy(row)
        if len(_IN_FORCE) >= _KEPT:
            _IN_FORCE.clear()
        _IN_FORCE[(policy.version, int(read_revision))] = policy
        return policy

    async def in_force(self) -> CreditPolicy:
        row = (
            await self._session.execute(
                select(CreditPolicyRow).where(col(CreditPolicyRow.status) == PolicyStatus.ACTIVE)
            )
        ).scalar_one()
        return _policy(row)

    async def get(self, version: int, *, for_update: bool = False) -> CreditPolicy | None:
        statement = select(CreditPolicyRow).where(col(CreditPolicyRow.version) == version)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _policy(row) if row else None

    async def all(self) -> list[CreditPolicy]:
        rows = await self._session.execute(
            select(CreditPolicyRow).order_by(col(CreditPolicyRow.version).desc())
        )
        return [_policy(r) for r in rows.scalars().all()]

    async def next_version(self) -> int:
        # Serialise version numbering: two drafts at once must not take the same number.
        await self._session.execute(select(func.pg_advisory_xact_lock(7_300_001)))
        top = await self._session.scalar(select(func.max(CreditPolicyRow.version)))
        return int(top or 0) + 1

    async def add(self, policy: CreditPolicy) -> None:
        self._session.add(
            CreditPolicyRow(
                version=policy.version,
                status=policy.status,
                rules=policy.rules,
                created_by=policy.created_by,
                created_at=policy.created_at,
            )
        )
        await self._session.flush()

    async def put_in_force(self, policy: CreditPolicy) -> None:
        await self._session.execute(
            update(CreditPolicyRow)
            .where(col(CreditPolicyRow.status) == PolicyStatus.ACTIVE)
            .values(status=PolicyStatus.RETIRED)
        )
        await self._session.execute(
            update(CreditPolicyRow)
            .where(col(CreditPolicyRow.version) == policy.version)
            .values(status=policy.status, activated_at=policy.activated_at)
        )


def _policy(row: CreditPolicyRow) -> CreditPolicy:
    return CreditPolicy(
        version=row.version,
        status=PolicyStatus(row.status),
        rules=row.rules,
        created_by=row.created_by,
        created_at=row.created_at,
        activated_at=row.activated_at,
    )
