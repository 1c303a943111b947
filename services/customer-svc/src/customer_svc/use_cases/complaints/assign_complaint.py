"""Hand a complaint to the person who will answer it."""

from datetime import datetime

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.complaints.complaint import Complaint, assign
from customer_svc.use_cases.complaints.lock_complaint import lock_complaint


async def assign_complaint(
    uow: CustomerUnitOfWork,
    complaint_id: str,
    *,
    assignee: str,
    assigned_at: datetime | None,
    now: datetime,
) -> Complaint:
    complaint = assign(await lock_complaint(uow, complaint_id), assignee, at=assigned_at, now=now)
    await uow.complaints.save(complaint)
    return complaint
