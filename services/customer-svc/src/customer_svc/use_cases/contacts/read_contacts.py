"""Read a customer's contacts: disclosed per role, every clear read logged."""

from datetime import datetime

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.contacts import ContactNotFound
from customer_svc.domain.personal_data import Reader
from customer_svc.use_cases.customers.customer_file import existing_customer
from customer_svc.use_cases.personal_data.disclosure import ContactView, Disclosures, disclosed


async def list_contacts(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    *,
    after: str | None,
    limit: int,
    now: datetime,
) -> list[ContactView]:
    customer = await existing_customer(uow, customer_id)
    contacts = await uow.contacts.of_customer(customer.id, after=after, limit=limit)
    return disclosed(uow, vault, reader, contacts, Disclosures.contact, now)


async def read_contact(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    contact_id: str,
    *,
    now: datetime,
) -> ContactView:
    contact = await uow.contacts.get(customer_id, contact_id)
    if contact is None:
        raise ContactNotFound(contact_id)
    return disclosed(uow, vault, reader, [contact], Disclosures.contact, now)[0]
