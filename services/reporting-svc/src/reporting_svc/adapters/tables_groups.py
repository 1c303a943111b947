"""Invoice instalments, customer segments and disputes: what aging splits, groups and sets apart."""

from datetime import date, datetime

from sqlalchemy import BigInteger, DateTime
from sqlmodel import Field

from reporting_svc.adapters.tables import Table


class InstalmentRow(Table, table=True):
    """An amount of an invoice due on a date; an instalment invoice ages per instalment."""

    __tablename__ = "invoice_instalments"

    invoice_id: str = Field(primary_key=True)
    position: int = Field(primary_key=True)
    due_date: date
    amount_minor: int = Field(sa_type=BigInteger)


class CustomerSegmentRow(Table, table=True):
    """A segment a customer is counted in; a customer may be in several."""

    __tablename__ = "customer_segments"

    customer_id: str = Field(primary_key=True)
    segment: str = Field(primary_key=True)


class DisputeRow(Table, table=True):
    """An amount of an invoice the customer disputes, from its opening to its resolution."""

    __tablename__ = "disputes"

    dispute_id: str = Field(primary_key=True)
    invoice_id: str = Field(index=True)
    customer_id: str = Field(index=True)
    amount_minor: int = Field(sa_type=BigInteger)
    opened_on: date
    opened_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    resolved_on: date | None = None
    resolved_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
