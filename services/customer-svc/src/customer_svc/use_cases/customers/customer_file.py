"""Find a customer on file: to read it, or to change its contacts or bank accounts and tell the
platform so."""

from datetime import datetime

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.customers.customer import Customer, CustomerNotFound
from customer_svc.domain.customers.lifecycle import check_open
from ledgerflow_events.contracts.customer import CustomerProfileUpdated


async def existing_customer(uow: CustomerUnitOfWork, customer_id: str) -> Customer:
    customer = await uow.customers.get(customer_id)
    if customer is None:
        raise CustomerNotFound(customer_id)
    return customer


async def open_file_for_change(uow: CustomerUnitOfWork, customer_id: str) -> Customer:
    await uow.lock_customer(customer_id)
    customer = await uow.customers.get(customer_id)
    if customer is None:
        raise CustomerNotFound(customer_id)
    check_open(customer.id, customer.status)
    return customer


async def announce_change(
    uow: CustomerUnitOfWork, customer_id: str, what: str, at: datetime
) -> None:
    """Consumers learn that contacts or bank accounts changed, never their values."""
    await uow.emit(
        CustomerProfileUpdated(customer_id=customer_id, changed_fields=[what], updated_at=at)
    )
