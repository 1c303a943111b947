"""Resolve a complaint and announce how long it took, without the resolution's text."""

from datetime import datetime

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.complaints.complaint import Complaint, resolve, seconds_between
from customer_svc.use_cases.complaints.lock_complaint import lock_complaint
from ledgerflow_events.contracts.customer import ComplaintResolved


async def resolve_complaint(
    uow: CustomerUnitOfWork,
    complaint_id: str,
    *,
    resolution: str,
    resolved_at: datetime | None,
    now: datetime,
    by: str,
) -> Complaint:
    complaint = resolve(
        await lock_complaint(uow, complaint_id), resolution, at=resolved_at, now=now, by=by
    )
    await uow.complaints.save(complaint)
    responded, resolved = complaint.first_response_at, complaint.resolved_at
    assert responded is not None, "resolving stamps a first response if none was made"
    assert resolved is not None
    await uow.emit(
        ComplaintResolved(
            customer_id=complaint.customer_id,
            complaint_id=complaint.id,
            channel=complaint.channel.value,
            category=complaint.category.value,
            severity=complaint.severity.value,
            received_at=complaint.received_at,
            first_response_at=responded,
            resolved_at=resolved,
            response_time_seconds=seconds_between(complaint.received_at, responded),
            resolution_time_seconds=seconds_between(complaint.received_at, resolved),
        )
    )
    return complaint
