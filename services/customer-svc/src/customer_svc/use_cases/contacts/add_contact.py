"""Add a person to a customer's contacts."""

from collections.abc import Iterable
from datetime import datetime

from uuid6 import uuid7

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain import personal_data as pd
from customer_svc.domain.contacts import Contact, contact_details, passing_on_primary
from customer_svc.use_cases.customers.customer_file import announce_change, open_file_for_change


async def add_contact(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    customer_id: str,
    *,
    name: str,
    phone: str | None,
    email: str | None,
    roles: Iterable[str],
    now: datetime,
) -> Contact:
    customer = await open_file_for_change(uow, customer_id)
    details = contact_details(name, phone, email, roles, customer.country)
    contact = Contact(
        id=str(uuid7()),
        customer_id=customer.id,
        name=vault.seal(pd.CONTACT_NAME, details.name),
        phone=vault.seal(pd.CONTACT_PHONE, details.phone) if details.phone else None,
        email=vault.seal(pd.CONTACT_EMAIL, details.email) if details.email else None,
        roles=details.roles,
        created_at=now,
    )
    for former in passing_on_primary(await uow.contacts.of_customer(customer.id), details):
        await uow.contacts.save(former)
    uow.contacts.add(contact)
    await announce_change(uow, customer.id, "contacts", now)
    return contact
