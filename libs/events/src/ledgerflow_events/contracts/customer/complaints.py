"""Facts about customer complaints, published by customer-svc on customer.events.

None of them carries free text (complaint descriptions, resolutions): those may hold personal
data, which never leaves customer-svc in an event.
"""

from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import StringConstraints

from ledgerflow_events.contracts.base import EventData

Channel = Annotated[str, StringConstraints(pattern=r"^(email|phone|letter|visit|portal)$")]
Category = Annotated[
    str,
    StringConstraints(pattern=r"^(billing|payment|delivery|quality|service|contract|other)$"),
]
Severity = Annotated[str, StringConstraints(pattern=r"^(low|medium|high|critical)$")]


class ComplaintOpened(EventData):
    """A customer complaint was recorded; reporting counts it, credit may watch the customer."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "complaint_opened"

    complaint_id: str
    channel: Channel
    category: Category
    severity: Severity
    received_at: datetime


class ComplaintResolved(EventData):
    """A customer complaint was resolved; reporting measures response and resolution times."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "complaint_resolved"

    complaint_id: str
    channel: Channel
    category: Category
    severity: Severity
    received_at: datetime
    first_response_at: datetime
    resolved_at: datetime
    response_time_seconds: int
    resolution_time_seconds: int
