"""Projection rebuilds: reporting's tables emptied and refilled from the producers' outboxes."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field

from reporting_svc.adapters.tables import Table


class ProjectionRebuildRow(Table, table=True):
    """One rebuild: when it began, and what each producer answered to the replay request."""

    __tablename__ = "projection_rebuilds"

    rebuild_id: str = Field(primary_key=True)
    started_at: datetime = Field(sa_type=DateTime(timezone=True))
    # {producer: rows replayed, or the reason it could not be asked}
    replayed: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
