"""Where contracts, every version of their terms and their status history are kept."""

from collections.abc import Sequence

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from customer_svc.adapters.tables.contracts import (
    ContractRow,
    ContractStatusChangeRow,
    ContractVersionRow,
)
from customer_svc.domain.contracts.contract import (
    Contract,
    ContractStatus,
    ContractVersion,
    StatusChange,
)
from customer_svc.domain.contracts.terms import ContractTerms


def _version(row: ContractVersionRow) -> ContractVersion:
    terms = ContractTerms(
        project=row.project,
        signed_on=row.signed_on,
        currency=row.currency,
        total_minor=row.total_minor,
        payment_terms_days=row.payment_terms_days,
        payment_cycle=row.payment_cycle,
        notes=row.notes,
    )
    return ContractVersion(
        row.version, terms, tuple(row.changed_fields), row.reason, row.recorded_at, row.recorded_by
    )


def _contract(head: ContractRow, current: ContractVersionRow) -> Contract:
    return Contract(
        id=head.id,
        customer_id=head.customer_id,
        number=head.number,
        status=ContractStatus(head.status),
        current=_version(current),
        created_at=head.created_at,
    )


def _version_values(contract_id: str, version: ContractVersion) -> dict[str, object]:
    terms = version.terms
    return {
        "contract_id": contract_id,
        "version": version.version,
        "project": terms.project,
        "signed_on": terms.signed_on,
        "currency": terms.currency,
        "total_minor": terms.total_minor,
        "payment_terms_days": terms.payment_terms_days,
        "payment_cycle": terms.payment_cycle,
        "notes": terms.notes,
        "changed_fields": list(version.changed_fields),
        "reason": version.reason,
        "recorded_at": version.recorded_at,
        "recorded_by": version.recorded_by,
    }


def _current() -> Select[ContractRow, ContractVersionRow]:
    return select(ContractRow, ContractVersionRow).join(
        ContractVersionRow,
        (col(ContractVersionRow.contract_id) == col(ContractRow.id))
        & (col(ContractVersionRow.version) == col(ContractRow.current_version)),
    )


class ContractRepository:
    """Contracts of customer-svc's customers; versions are only ever added."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, contract: Contract) -> bool:
        """Keep a new contract; False, and nothing kept, if its number is taken."""
        claimed = await self._session.execute(
            upsert(ContractRow)
            .values(
                id=contract.id,
                customer_id=contract.customer_id,
                number=contract.number,
                status=contract.status.value,
                current_version=contract.current.version,
                created_at=contract.created_at,
                updated_at=contract.created_at,
            )
            .on_conflict_do_nothing()
            .returning(col(ContractRow.id))
        )
        if claimed.first() is None:
            return False
        await self._session.execute(
            insert(ContractVersionRow).values(_version_values(contract.id, contract.current))
        )
        return True

    async def id_of_number(self, number: str) -> str | None:
        query = select(col(ContractRow.id)).where(func.upper(ContractRow.number) == number.upper())
        return (await self._session.execute(query)).scalar_one_or_none()

    async def customer_of(self, contract_id: str) -> str | None:
        query = select(col(ContractRow.customer_id)).where(col(ContractRow.id) == contract_id)
        return (await self._session.execute(query)).scalar_one_or_none()

    async def get(self, contract_id: str) -> Contract | None:
        found = (
            await self._session.execute(_current().where(col(ContractRow.id) == contract_id))
        ).first()
        return _contract(found[0], found[1]) if found else None

    async def add_version(self, contract: Contract) -> None:
        """Keep the contract's new current version beside the ones before it."""
        version = contract.current
        await self._session.execute(
            insert(ContractVersionRow).values(_version_values(contract.id, version))
        )
        await self._session.execute(
            update(ContractRow)
            .where(col(ContractRow.id) == contract.id)
            .values(current_version=version.version, updated_at=version.recorded_at)
        )

    async def add_status_change(self, contract: Contract, change: StatusChange) -> None:
        await self._session.execute(
            update(ContractRow)
            .where(col(ContractRow.id) == contract.id)
            .values(status=change.to_status.value, updated_at=change.changed_at)
        )
        await self._session.execute(
            insert(ContractStatusChangeRow).values(
                contract_id=contract.id,
                from_status=change.from_status.value,
                to_status=change.to_status.value,
                effective_on=change.effective_on,
                reason=change.reason,
                changed_at=change.changed_at,
                changed_by=change.changed_by,
            )
        )

    async def versions(self, contract_id: str) -> list[ContractVersion]:
        query = (
            select(ContractVersionRow)
            .where(col(ContractVersionRow.contract_id) == contract_id)
            .order_by(col(ContractVersionRow.version))
        )
        return [_version(r) for r in (await self._session.execute(query)).scalars()]

    async def status_history(self, contract_id: str) -> list[StatusChange]:
        query = (
            select(ContractStatusChangeRow)
            .where(col(ContractStatusChangeRow.contract_id) == contract_id)
            .order_by(col(ContractStatusChangeRow.id))
        )
        rows: Sequence[ContractStatusChangeRow] = (
            (await self._session.execute(query)).scalars().all()
        )
        return [
            StatusChange(
                ContractStatus(r.from_status),
                ContractStatus(r.to_status),
                r.effective_on,
                r.reason,
                r.changed_at,
                r.changed_by,
            )
            for r in rows
        ]

    async def page(
        self,
        *,
        customer_id: str | None,
        status: ContractStatus | None,
        project: str | None,
        after: str | None,
        limit: int,
    ) -> list[Contract]:
        query = _current().order_by(col(ContractRow.id)).limit(limit)
        if customer_id is not None:
            query = query.where(col(ContractRow.customer_id) == customer_id)
        if status is not None:
            query = query.where(col(ContractRow.status) == status.value)
        if project is not None:
            query = query.where(col(ContractVersionRow.project).icontains(project, autoescape=True))
        if after is not None:
            query = query.where(col(ContractRow.id) > after)
        return [_contract(head, current) for head, current in await self._session.execute(query)]
