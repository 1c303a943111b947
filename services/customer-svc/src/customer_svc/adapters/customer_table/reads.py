"""Contacts and contracts of a page of customers, read in one query each for a table export."""

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from customer_svc.adapters.contacts import _contact
from customer_svc.adapters.contracts import _contract, _current
from customer_svc.adapters.tables.contacts import ContactRow
from customer_svc.adapters.tables.contracts import ContractRow
from customer_svc.domain.contacts import Contact
from customer_svc.domain.contracts.contract import Contract


class CustomerTableReads:
    """What a customer table shows of many customers at once, oldest records first."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def contacts_of(self, customer_ids: Sequence[str]) -> dict[str, list[Contact]]:
        query = (
            select(ContactRow)
            .where(col(ContactRow.customer_id).in_(customer_ids))
            .order_by(col(ContactRow.id))
        )
        found: dict[str, list[Contact]] = defaultdict(list)
        for row in (await self._session.execute(query)).scalars():
            found[row.customer_id].append(_contact(row))
        return found

    async def contracts_of(self, customer_ids: Sequence[str]) -> dict[str, list[Contract]]:
        query = (
            _current()
            .where(col(ContractRow.customer_id).in_(customer_ids))
            .order_by(col(ContractRow.id))
        )
        found: dict[str, list[Contract]] = defaultdict(list)
        for head, current in await self._session.execute(query):
            found[head.customer_id].append(_contract(head, current))
        return found
