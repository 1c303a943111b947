"""Tables of assessments, the behaviour facts they read, early warnings and reviews."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Numeric
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from credit_svc.adapters.tables import Table


class BehaviourFactRow(Table, table=True):
    """A returned payment, write-off, broken promise or dispute, as its event told it."""

    __tablename__ = "behaviour_facts"

    id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    kind: str
    currency: str
    amount: int = Field(sa_type=BigInteger)
    occurred_on: date
    source: str
    invoice_ids: list[str] = Field(sa_type=JSONB)
    resolved_on: date | None = None


class CreditAssessmentRow(Table, table=True):
    """A customer scored and graded under one policy version as of a business date."""

    __tablename__ = "credit_assessments"

    id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    as_of: date
    policy_version: int
    score: Decimal = Field(sa_type=Numeric(7, 2))
    grade: str
    previous_grade: str | None = None
    currency: str
    proposed_limit: int = Field(sa_type=BigInteger)
    inputs: list[dict[str, Any]] = Field(sa_type=JSONB)
    assessed_by: str
    assessed_at: datetime = Field(sa_type=DateTime(timezone=True))


class CreditWarningRow(Table, table=True):
    """An early warning, open until its cause clears."""

    __tablename__ = "credit_warnings"

    id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    kind: str
    detail: str
    raised_on: date
    cleared_on: date | None = None


class CreditReviewRow(Table, table=True):
    """A review of a customer's credit: periodic by grade, or opened by a warning."""

    __tablename__ = "credit_reviews"

    id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    reason: str
    opened_on: date
    status: str
    completed_on: date | None = None
    completed_by: str | None = None
    assessment_id: str | None = None
    decision: str | None = None
