"""Complaints and their statistics as the HTTP contract shows them."""

from customer_svc.api.complaints.schemas import ComplaintOut, DurationOut
from customer_svc.domain.complaints.complaint import Complaint
from customer_svc.domain.complaints.stats import DurationStats


def complaint_out(c: Complaint) -> ComplaintOut:
    return ComplaintOut(
        id=c.id,
        customer_id=c.customer_id,
        channel=c.channel,
        category=c.category,
        severity=c.severity,
        description=c.description,
        status=c.status,
        received_at=c.received_at,
        recorded_by=c.recorded_by,
        assignee=c.assignee,
        assigned_at=c.assigned_at,
        first_response_at=c.first_response_at,
        resolved_at=c.resolved_at,
        resolution=c.resolution,
        resolved_by=c.resolved_by,
        response_time_seconds=c.response_time_seconds,
        resolution_time_seconds=c.resolution_time_seconds,
    )


def duration_out(stats: DurationStats) -> DurationOut:
    return DurationOut(
        count=stats.count,
        average_seconds=stats.average_seconds,
        median_seconds=stats.median_seconds,
    )
