"""Customer feedback and complaints, tracked from receipt to resolution against the clock."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from ledgerflow_platform.errors import DomainError

# Clients stamp back-filled times with their own clocks, which drift a little from ours.
CLOCK_SKEW = timedelta(minutes=5)


class Channel(StrEnum):
    """How the complaint reached us."""

    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"
    VISIT = "visit"
    PORTAL = "portal"


class Category(StrEnum):
    """What the complaint is about; a fixed list so it can be counted and published."""

    BILLING = "billing"
    PAYMENT = "payment"
    DELIVERY = "delivery"
    QUALITY = "quality"
    SERVICE = "service"
    CONTRACT = "contract"
    OTHER = "other"


class Severity(StrEnum):
    """How much the complaint hurts the relationship."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class ComplaintStatus(StrEnum):
    """Where the complaint stands: waiting, taken up, or settled."""

    OPEN = "open"
    ASSIGNED = "assigned"
    RESOLVED = "resolved"


class ComplaintNotFound(DomainError):
    """No complaint has this id."""


class ComplaintCustomerUnknown(DomainError):
    """The complaint names a customer who is not on file."""


class ComplaintAlreadyResolved(DomainError):
    """A resolved complaint is closed; it is neither reassigned nor resolved again."""


class ImplausibleComplaintTime(DomainError):
    """A time that is in the future or before an earlier step of the same complaint."""


class BlankComplaintText(DomainError):
    """A description, assignee or resolution that is only whitespace."""


def seconds_between(start: datetime, end: datetime) -> int:
    return (end - start) // timedelta(seconds=1)


def elapsed_seconds(start: datetime, end: datetime | None) -> int | None:
    """Whole seconds from `start` to `end`, or None while `end` has not happened."""
    return None if end is None else seconds_between(start, end)


@dataclass(frozen=True)
class Complaint:
    """A complaint or piece of feedback from a customer and how it was handled."""

    id: str
    customer_id: str
    channel: Channel
    category: Category
    severity: Severity
    description: str
    status: ComplaintStatus
    received_at: datetime
    recorded_by: str
    assignee: str | None = None
    assigned_at: datetime | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    resolution: str | None = None
    resolved_by: str | None = None

    @property
    def response_time_seconds(self) -> int | None:
        return elapsed_seconds(self.received_at, self.first_response_at)

    @property
    def resolution_time_seconds(self) -> int | None:
        return elapsed_seconds(self.received_at, self.resolved_at)


def _text(value: str, field: str) -> str:
    if not value.strip():
        raise BlankComplaintText(f"{field} may not be blank.", field=field)
    return value.strip()


def _plausible(at: datetime, *, field: str, now: datetime, not_before: datetime) -> datetime:
    at = at.astimezone(UTC)
    if at > now + CLOCK_SKEW:
        raise ImplausibleComplaintTime(f"{at.isoformat()} is in the future.", field=field)
    if at < not_before:
        raise ImplausibleComplaintTime(
            f"{at.isoformat()} is before {not_before.isoformat()}, an earlier step.", field=field
        )
    return at


def record_complaint(
    *,
    complaint_id: str,
    customer_id: str,
    channel: Channel,
    category: Category,
    severity: Severity,
    description: str,
    received_at: datetime | None,
    now: datetime,
    by: str,
) -> Complaint:
    """A new open complaint; `received_at` back-fills one that reached us through another door."""
    received = (now if received_at is None else received_at).astimezone(UTC)
    if received > now + CLOCK_SKEW:
        raise ImplausibleComplaintTime(
            f"{received.isoformat()} is in the future.", field="received_at"
        )
    return Complaint(
        id=complaint_id,
        customer_id=customer_id,
        channel=channel,
        category=category,
        severity=severity,
        description=_text(description, "description"),
        status=ComplaintStatus.OPEN,
        received_at=received,
        recorded_by=by,
    )


def _open(complaint: Complaint) -> None:
    if complaint.status is ComplaintStatus.RESOLVED:
        raise ComplaintAlreadyResolved(f"Complaint {complaint.id} was resolved already.")


def assign(complaint: Complaint, assignee: str, *, at: datetime | None, now: datetime) -> Complaint:
    """Hand the complaint to someone; the first hand-over is the customer's first response."""
    _open(complaint)
    not_before = complaint.assigned_at or complaint.received_at
    when = _plausible(
        now if at is None else at, field="assigned_at", now=now, not_before=not_before
    )
    return replace(
        complaint,
        status=ComplaintStatus.ASSIGNED,
        assignee=_text(assignee, "assignee"),
        assigned_at=when,
        first_response_at=complaint.first_response_at or when,
    )


def resolve(
    complaint: Complaint, resolution: str, *, at: datetime | None, now: datetime, by: str
) -> Complaint:
    """Close the complaint; resolving one nobody took up is also its first response."""
    _open(complaint)
    not_before = complaint.assigned_at or complaint.received_at
    when = _plausible(
        now if at is None else at, field="resolved_at", now=now, not_before=not_before
    )
    return replace(
        complaint,
        status=ComplaintStatus.RESOLVED,
        resolution=_text(resolution, "resolution"),
        resolved_at=when,
        resolved_by=by,
        first_response_at=complaint.first_response_at or when,
    )
