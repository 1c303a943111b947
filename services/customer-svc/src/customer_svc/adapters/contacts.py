"""Where customers' contacts are kept, sealed as they arrive."""

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from customer_svc.adapters.tables.contacts import ContactRow
from customer_svc.domain.contacts import Contact, ContactRole
from customer_svc.domain.personal_data import Sealed


def _sealed(token: str | None) -> Sealed | None:
    return Sealed(token) if token else None


def _contact(row: ContactRow) -> Contact:
    return Contact(
        id=row.id,
        customer_id=row.customer_id,
        name=Sealed(row.name_sealed),
        phone=_sealed(row.phone_sealed),
        email=_sealed(row.email_sealed),
        roles=tuple(ContactRole(r) for r in row.roles),
        created_at=row.created_at,
        version=row.version,
    )


def _contact_columns(contact: Contact) -> dict[str, Any]:
    return {
        "name_sealed": contact.name.token,
        "phone_sealed": contact.phone.token if contact.phone else None,
        "email_sealed": contact.email.token if contact.email else None,
        "roles": [r.value for r in contact.roles],
        "version": contact.version,
    }


class ContactRepository:
    """The people we deal with at each customer."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, contact: Contact) -> None:
        self._session.add(
            ContactRow(
                id=contact.id,
                customer_id=contact.customer_id,
                created_at=contact.created_at,
                **_contact_columns(contact),
            )
        )

    async def get(self, customer_id: str, contact_id: str) -> Contact | None:
        row = await self._session.get(ContactRow, contact_id)
        return _contact(row) if row and row.customer_id == customer_id else None

    async def save(self, contact: Contact) -> None:
        row = await self._session.get(ContactRow, contact.id)
        assert row is not None, "only contacts read in this transaction are saved"
        for name, value in _contact_columns(contact).items():
            setattr(row, name, value)

    async def remove(self, contact: Contact) -> None:
        await self._session.execute(delete(ContactRow).where(col(ContactRow.id) == contact.id))

    async def of_customer(
        self, customer_id: str, *, after: str | None = None, limit: int | None = None
    ) -> list[Contact]:
        query = select(ContactRow).where(col(ContactRow.customer_id) == customer_id)
        if after is not None:
            query = query.where(col(ContactRow.id) > after)
        query = query.order_by(col(ContactRow.id)).limit(limit)
        return [_contact(r) for r in (await self._session.execute(query)).scalars()]
