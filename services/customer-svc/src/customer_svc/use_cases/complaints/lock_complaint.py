"""Take a complaint for a change: lock its customer's event stream, then read it as it is now."""

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.complaints.complaint import Complaint, ComplaintNotFound


async def lock_complaint(uow: CustomerUnitOfWork, complaint_id: str) -> Complaint:
    customer_id = await uow.complaints.customer_of(complaint_id)
    if customer_id is None:
        raise ComplaintNotFound(f"No complaint with id {complaint_id}.")
    # Two people resolving at once must not both succeed and both announce it.
    await uow.lock_customer(customer_id)
    complaint = await uow.complaints.get(complaint_id)
    assert complaint is not None, "complaints are never deleted"
    return complaint
