"""Accounting periods' table: every close and reopening of a month, appended, never changed.

A period's state is its latest change; a month never changed is open. The rows are also the
audit of who closed and reopened what, when and why.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, String
from sqlmodel import Field

from ledger_svc.adapters.tables.base import Table


class PeriodChangeRow(Table, table=True):
    __tablename__ = "accounting_period_changes"
    __table_args__ = (
        CheckConstraint("action IN ('closed', 'reopened')", name="period_change_action"),
        Index("accounting_period_changes_by_period", "period", "changed_at"),
    )

    id: str = Field(primary_key=True)
    period: str = Field(sa_type=String(7))
    action: str
    changed_by: str
    changed_at: datetime = Field(sa_type=DateTime(timezone=True))
    reason: str | None = None
