"""customer-svc's complaint table."""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index
from sqlmodel import Field

from customer_svc.adapters.tables.base import Table


class ComplaintRow(Table, table=True):
    """A complaint or feedback from a customer, with the times of each step of its handling."""

    __tablename__ = "complaints"
    __table_args__ = (
        Index("complaints_by_customer", "customer_id", "id"),
        Index("complaints_by_assignee", "assignee", "id"),
        Index("complaints_by_received_at", "received_at"),
        CheckConstraint(
            "status IN ('open', 'assigned', 'resolved')", name="complaint_status_known"
        ),
        CheckConstraint(
            "(status = 'resolved') = (resolved_at IS NOT NULL)", name="complaint_resolved_has_time"
        ),
    )

    id: str = Field(primary_key=True)
    customer_id: str = Field(foreign_key="customers.id")
    channel: str
    category: str
    severity: str
    description: str
    status: str
    received_at: datetime = Field(sa_type=DateTime(timezone=True))
    recorded_by: str
    assignee: str | None = None
    assigned_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    first_response_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    resolved_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    resolution: str | None = None
    resolved_by: str | None = None
