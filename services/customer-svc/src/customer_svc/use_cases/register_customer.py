"""Register a customer and tell the platform about it."""

from datetime import UTC, datetime

from uuid6 import uuid7

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.customer import Customer, new_customer
from ledgerflow_events.contracts import CustomerRegistered


async def register_customer(
    uow: CustomerUnitOfWork, *, name: str, currency: str, payment_terms_days: int
) -> Customer:
    customer = new_customer(
        str(uuid7()), name, currency, payment_terms_days, registered_at=datetime.now(UTC)
    )
    await uow.lock_customer(customer.id)
    uow.customers.add(customer)
    await uow.emit(
        CustomerRegistered(
            customer_id=customer.id,
            name=customer.name,
            currency=customer.currency,
            payment_terms_days=customer.payment_terms_days,
            registered_at=customer.registered_at,
        )
    )
    return customer
