"""Customers' credit standing as credit-svc announced it: limits in force, holds, and credit
reserved for orders in flight — what exposure and top risks are read from."""

from datetime import date, datetime

from sqlalchemy import BigInteger, DateTime
from sqlmodel import Field

from reporting_svc.adapters.tables import Table

_WHEN = DateTime(timezone=True)


class CreditLimitRow(Table, table=True):
    """A limit decision; the latest in force by a time is the customer's limit then."""

    __tablename__ = "credit_limits"

    limit_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    currency: str
    # None: the limit was removed.
    limit_minor: int | None = Field(default=None, sa_type=BigInteger)
    effective_at: datetime = Field(sa_type=_WHEN)


class CreditHoldRow(Table, table=True):
    """A hold from its placing to its release; a release may arrive first (placed_at None)."""

    __tablename__ = "credit_holds"

    hold_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    reason: str
    placed_at: datetime | None = Field(default=None, sa_type=_WHEN)
    released_at: datetime | None = Field(default=None, sa_type=_WHEN)


class CreditReservationRow(Table, table=True):
    """Credit held back for an order in flight, until it ends or expires."""

    __tablename__ = "credit_reservations"

    reservation_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    currency: str
    amount_minor: int = Field(sa_type=BigInteger)
    reserved_at: datetime | None = Field(default=None, sa_type=_WHEN)
    expires_at: datetime | None = Field(default=None, sa_type=_WHEN)
    ended_at: datetime | None = Field(default=None, sa_type=_WHEN)


class GradeChangeRow(Table, table=True):
    """A grade decided by an assessment; the latest assessed by a date is the grade in force."""

    __tablename__ = "grade_changes"

    assessment_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    grade: str
    # The business date the assessment is as of: the grade is in force from that day.
    effective_on: date
    # When credit-svc recorded it (event time): orders changes of one day, serves known_at.
    recorded_at: datetime | None = Field(default=None, sa_type=_WHEN)
