"""The HTTP contract of customers' complaints and feedback."""

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from customer_svc.domain.complaints.complaint import Category, Channel, ComplaintStatus, Severity
from ledgerflow_platform.web.bounds import BusinessTime

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Subject = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class RecordComplaint(BaseModel):
    """A complaint or piece of feedback as it reached us."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "customer_id": "0190a6f2-7c1e-7d2a-9a51-2f1c3e4d5b6a",
                    "channel": "phone",
                    "category": "billing",
                    "severity": "high",
                    "description": "Invoice INV-2026-000123 charges the old unit price.",
                    "received_at": "2026-11-02T09:15:00Z",
                }
            ]
        },
    )

    customer_id: Subject
    channel: Channel
    category: Category
    severity: Severity = Severity.MEDIUM
    description: Text = Field(description="What the customer said; stays inside customer-svc")
    received_at: BusinessTime | None = Field(
        None, description="When it reached us, to back-fill; default now"
    )


class AssignComplaint(BaseModel):
    """Who takes the complaint up."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"assignee": "li.wei", "assigned_at": None}]},
    )

    assignee: Subject = Field(description="The user (token subject) who will handle it")
    assigned_at: BusinessTime | None = Field(None, description="To back-fill; default now")


class ResolveComplaint(BaseModel):
    """How the complaint was settled."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"resolution": "Credit note issued for the price difference."}]
        },
    )

    resolution: Text
    resolved_at: BusinessTime | None = Field(None, description="To back-fill; default now")


class ComplaintOut(BaseModel):
    """A complaint, its handling so far and how long each step took."""

    id: str
    customer_id: str
    channel: Channel
    category: Category
    severity: Severity
    description: str
    status: ComplaintStatus
    received_at: datetime
    recorded_by: str
    assignee: str | None
    assigned_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    resolution: str | None
    resolved_by: str | None
    response_time_seconds: int | None = Field(description="From receipt to first response")
    resolution_time_seconds: int | None = Field(description="From receipt to resolution")


class ComplaintPage(BaseModel):
    """One page of complaints, oldest first."""

    items: list[ComplaintOut]
    next_cursor: str | None


class DurationOut(BaseModel):
    """Average and median of a duration, in whole seconds."""

    count: int = Field(description="Complaints the duration is known for")
    average_seconds: int | None
    median_seconds: int | None


class ComplaintStatsOut(BaseModel):
    """How many complaints came in over the window and how fast they were handled."""

    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from", description="First day of receipt counted (UTC)")
    to: date = Field(description="Last day of receipt counted (UTC)")
    received: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_severity: dict[str, int]
    response_time: DurationOut
    resolution_time: DurationOut
