"""Second-person approval requests: an action held back until another user decides it."""

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Column, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from ledger_svc.adapters.tables.base import Table


class ApprovalRow(Table, table=True):
    __tablename__ = "approval_requests"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name="approval_request_status"
        ),
    )

    id: str = Field(primary_key=True)
    action: str
    target: str
    payload: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    requested_by: str
    requested_at: datetime = Field(sa_type=DateTime(timezone=True))
    status: str
    decided_by: str | None = None
    decided_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    result_id: str | None = None
