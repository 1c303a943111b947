"""The names customers pay under, and the matches of statement lines made by hand."""

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.bank_reconciliation import BankLineMatchRow, CustomerPayerNameRow


class CustomerPayerNames:
    """Customers' legal names (from customer-svc's events) and aliases, by normal form."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def set_legal_name(self, customer_id: str, name: str, key: str) -> None:
        """The customer's legal name, replacing the one known before."""
        await self._session.execute(
            delete(CustomerPayerNameRow).where(
                col(CustomerPayerNameRow.customer_id) == customer_id,
                col(CustomerPayerNameRow.kind) == "legal",
            )
        )
        await self._add(customer_id, name, key, "legal")

    async def add_alias(self, customer_id: str, name: str, key: str) -> bool:
        """True if newly added; a name the customer is known by already changes nothing."""
        return await self._add(customer_id, name, key, "alias")

    async def _add(self, customer_id: str, name: str, key: str, kind: str) -> bool:
        stmt = (
            upsert(CustomerPayerNameRow)
            .values(customer_id=customer_id, name_key=key, kind=kind, name=name)
            .on_conflict_do_nothing()
            .returning(col(CustomerPayerNameRow.name_key))
        )
        return (await self._session.execute(stmt)).first() is not None

    async def remove_alias(self, customer_id: str, key: str) -> bool:
        stmt = delete(CustomerPayerNameRow).where(
            col(CustomerPayerNameRow.customer_id) == customer_id,
            col(CustomerPayerNameRow.name_key) == key,
            col(CustomerPayerNameRow.kind) == "alias",
        )
        result = await self._session.execute(stmt)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def aliases_of(self, customer_id: str) -> list[str]:
        query = (
            select(col(CustomerPayerNameRow.name))
            .where(
                col(CustomerPayerNameRow.customer_id) == customer_id,
                col(CustomerPayerNameRow.kind) == "alias",
            )
            .order_by(col(CustomerPayerNameRow.name_key))
        )
        return list((await self._session.execute(query)).scalars())

    async def customers_named(self, keys: Collection[str]) -> dict[str, tuple[str, ...]]:
        """name key -> the customers known by that name."""
        query = (
            select(col(CustomerPayerNameRow.name_key), col(CustomerPayerNameRow.customer_id))
            .where(col(CustomerPayerNameRow.name_key).in_(keys))
            .distinct()
            .order_by(col(CustomerPayerNameRow.customer_id))
        )
        found: dict[str, list[str]] = defaultdict(list)
        for key, customer_id in (await self._session.execute(query)).all():
            found[key].append(customer_id)
        return {k: tuple(v) for k, v in found.items()}


class ManualMatches:
    """Statement lines matched to a payment by a person rather than a reconciliation run."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, line_id: str, payment_id: str, matched_by: str, at: datetime) -> bool:
        """False if the line or the payment was matched already (concurrently)."""
        stmt = (
            upsert(BankLineMatchRow)
            .values(line_id=line_id, payment_id=payment_id, matched_by=matched_by, matched_at=at)
            .on_conflict_do_nothing()
            .returning(col(BankLineMatchRow.line_id))
        )
        return (await self._session.execute(stmt)).first() is not None
