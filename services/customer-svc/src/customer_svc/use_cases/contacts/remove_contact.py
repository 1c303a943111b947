"""Remove a person who no longer deals with us from a customer's contacts."""

from datetime import datetime

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.contacts import ContactNotFound
from customer_svc.use_cases.customers.customer_file import announce_change, open_file_for_change


async def remove_contact(
    uow: CustomerUnitOfWork, customer_id: str, contact_id: str, *, now: datetime
) -> None:
    customer = await open_file_for_change(uow, customer_id)
    contact = await uow.contacts.get(customer.id, contact_id)
    if contact is None:
        raise ContactNotFound(contact_id)
    await uow.contacts.remove(contact)
    await announce_change(uow, customer.id, "contacts", now)
