"""Facts about customer complaints, published by customer-svc on customer.events.

None of them carries free text (complaint descriptions, resolutions): those may hold personal
data, which never leaves customer-svc in an event.
"""

from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

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

    complaint_id: str = Field(description="The complaint's id in customer-svc")
    channel: Channel = Field(description="email, phone, letter, visit or portal")
    category: Category = Field(
        description="billing, payment, delivery, quality, service, contract or other"
    )
    severity: Severity = Field(description="low, medium, high or critical")
    received_at: datetime = Field(description="When the complaint was received (RFC 3339)")


class ComplaintResolved(EventData):
    """A customer complaint was resolved; reporting measures response and resolution times."""

    producer: ClassVar[str] = "customer"
    fact: ClassVar[str] = "complaint_resolved"

    complaint_id: str = Field(description="The complaint's id in customer-svc")
    channel: Channel = Field(description="email, phone, letter, visit or portal")
    category: Category = Field(
        description="billing, payment, delivery, quality, service, contract or other"
    )
    severity: Severity = Field(description="low, medium, high or critical")
    received_at: datetime = Field(description="When the complaint was received (RFC 3339)")
    first_response_at: datetime = Field(
        description="When the customer first got an answer (RFC 3339)"
    )
    resolved_at: datetime = Field(description="When the complaint was resolved (RFC 3339)")
    response_time_seconds: int = Field(description="Seconds from receipt to the first answer")
    resolution_time_seconds: int = Field(description="Seconds from receipt to resolution")
