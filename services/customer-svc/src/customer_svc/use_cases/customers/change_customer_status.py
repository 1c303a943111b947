"""Move a customer through its lifecycle: activate, suspend, reactivate or close."""

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.customers.customer import Customer, CustomerNotFound
from customer_svc.domain.customers.lifecycle import CustomerStatus, check_transition
from customer_svc.domain.customers.profile import check_version
from ledgerflow_events.contracts.customer import CustomerStatusChanged


async def change_customer_status(
    uow: CustomerUnitOfWork,
    customer_id: str,
    status: str,
    reason: str,
    *,
    expected_versions: Collection[int] | None = None,
    now: datetime,
) -> Customer:
    await uow.lock_customer(customer_id)
    customer = await uow.customers.get(customer_id)
    if customer is None:
        raise CustomerNotFound(customer_id)
    check_version(customer, expected_versions)
    target = CustomerStatus(status)
    check_transition(customer.status, target)
    changed = replace(customer, status=target, version=customer.version + 1, updated_at=now)
    await uow.customers.save(changed)
    await uow.emit(
        CustomerStatusChanged(
            customer_id=customer.id,
            from_status=customer.status.value,
            to_status=target.value,
            reason=reason.strip(),
            changed_at=now,
        )
    )
    return changed
