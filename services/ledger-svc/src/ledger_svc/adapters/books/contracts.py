"""Customers' contracts as the ledger learns them from customer-svc."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.books import CustomerContractRow
from ledger_svc.domain.contracts import CustomerContract


class CustomerContracts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def learn(self, contract: CustomerContract) -> None:
        """Keep the contract; a redelivered signing keeps what was learnt first."""
        await self._session.execute(
            insert(CustomerContractRow)
            .values(
                contract_id=contract.contract_id,
                customer_id=contract.customer_id,
                number=contract.number,
                currency=contract.currency,
            )
            .on_conflict_do_nothing()
        )

    async def of_customers(self, customer_ids: Sequence[str]) -> list[CustomerContract]:
        found = await self._session.execute(
            select(CustomerContractRow).where(
                col(CustomerContractRow.customer_id).in_(customer_ids)
            )
        )
        return [
            CustomerContract(r.contract_id, r.customer_id, r.number, r.currency)
            for r in found.scalars()
        ]
