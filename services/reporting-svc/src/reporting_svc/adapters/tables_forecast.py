"""What the cash-in forecast and collection budgets are read from besides receivables:
collections' promises to pay and payment plans, and the budgets finance sets per month."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field

from reporting_svc.adapters.tables import Table


class PromiseRow(Table, table=True):
    """A promise to pay, open from the day it was made until kept or broken."""

    __tablename__ = "promises"

    promise_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    currency: str
    amount_minor: int = Field(sa_type=BigInteger)
    made_on: date
    promised_on: date
    # Empty: any of the customer's invoices.
    invoice_ids: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    closed_on: date | None = None
    recorded_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class PaymentPlanRow(Table, table=True):
    """A payment plan: its instalments replace its invoices' due dates while it runs."""

    __tablename__ = "payment_plans"

    plan_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    currency: str
    agreed_on: date
    invoice_ids: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    # [[due ISO date, minor units], ...] in due order.
    instalments: list[Any] = Field(sa_column=Column(JSON, nullable=False))
    ended_on: date | None = None
    recorded_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class CollectionBudgetRow(Table, table=True):
    """What finance means to collect in a month from a segment, in one currency."""

    __tablename__ = "collection_budgets"

    month: str = Field(sa_column=Column(String(7), primary_key=True))
    segment: str = Field(primary_key=True)
    currency: str = Field(primary_key=True)
    amount_minor: int = Field(sa_type=BigInteger)


class CollectionBudgetMonthRow(Table, table=True):
    """A month's budgets as one versioned resource: each change names the version it read."""

    __tablename__ = "collection_budget_months"

    month: str = Field(sa_column=Column(String(7), primary_key=True))
    version: int
