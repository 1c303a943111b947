"""Record a customer's complaint or feedback and announce it, without its text."""

from datetime import datetime

from uuid6 import uuid7

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.complaints import complaint as complaints
from customer_svc.domain.complaints.complaint import (
    Category,
    Channel,
    Complaint,
    ComplaintCustomerUnknown,
    Severity,
)
from ledgerflow_events.contracts.customer import ComplaintOpened


async def record_complaint(
    uow: CustomerUnitOfWork,
    *,
    customer_id: str,
    channel: Channel,
    category: Category,
    severity: Severity,
    description: str,
    received_at: datetime | None,
    now: datetime,
    by: str,
) -> Complaint:
    if await uow.customers.get(customer_id) is None:
        raise ComplaintCustomerUnknown(f"No customer with id {customer_id}.", field="customer_id")
    complaint = complaints.record_complaint(
        complaint_id=str(uuid7()),
        customer_id=customer_id,
        channel=channel,
        category=category,
        severity=severity,
        description=description,
        received_at=received_at,
        now=now,
        by=by,
    )
    await uow.lock_customer(customer_id)
    await uow.complaints.add(complaint)
    await uow.emit(
        ComplaintOpened(
            customer_id=customer_id,
            complaint_id=complaint.id,
            channel=complaint.channel.value,
            category=complaint.category.value,
            severity=complaint.severity.value,
            received_at=complaint.received_at,
        )
    )
    return complaint
