"""customer-svc's personal-data access log: every disclosure of clear values."""

from datetime import datetime

from sqlalchemy import ARRAY, DateTime, Index, Text
from sqlmodel import Field

from customer_svc.adapters.tables.base import Table


class AccessLogRow(Table, table=True):
    """One disclosure of clear personal values: who saw which fields of which customer, and why."""

    __tablename__ = "personal_data_access_log"
    __table_args__ = (
        Index("personal_data_access_log_by_customer", "customer_id", "id"),
        Index("personal_data_access_log_by_subject", "subject", "id"),
    )

    id: str = Field(primary_key=True)
    at: datetime = Field(sa_type=DateTime(timezone=True))
    subject: str
    roles: list[str] = Field(sa_type=ARRAY(Text))
    customer_id: str
    fields: list[str] = Field(sa_type=ARRAY(Text))
    record_ids: list[str] = Field(sa_type=ARRAY(Text))
    purpose: str
