"""credit-svc's tables, on a metadata of its own."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from ledgerflow_events.outbox import Outbox
from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_events.topics import CREDIT_EVENTS
from ledgerflow_platform.idempotency import define_idempotency_table


class Table(SQLModel, registry=registry()):
    """credit-svc's own table registry, apart from every other service's."""


class CreditAccountRow(Table, table=True):
    """A customer credit control watches, in its account currency."""

    __tablename__ = "credit_accounts"

    customer_id: str = Field(primary_key=True)
    currency: str
    terms_days: int | None = None
    grade: str | None = None
    next_review_on: date | None = None
    name: str | None = None


class ReceivableRow(Table, table=True):
    """An invoice's amount still owed, and whether it is past due."""

    __tablename__ = "receivables"

    invoice_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    currency: str
    open_amount: int = Field(sa_type=BigInteger)
    overdue: bool = False
    due_date: date | None = None
    # What payment behaviour is measured on: the invoice's total, issue and payment dates.
    total: int | None = Field(default=None, sa_type=BigInteger)
    issue_date: date | None = None
    paid_on: date | None = None
    # The order the invoice bills, when the ledger was told: a reservation asked for it
    # afterwards converts at once instead of counting beside it.
    order_reference: str | None = None
    # Voided by the ledger: owed nothing, and billing its order no more.
    voided: bool = False
    # An opening balance brought in at the cut-over: owed, but neither a sale nor behaviour.
    opening: bool = False


class CreditLimitRow(Table, table=True):
    """A limit decision: in force, waiting for a second credit manager, or superseded."""

    __tablename__ = "credit_limits"

    id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    currency: str
    amount: int = Field(sa_type=BigInteger)
    previous_amount: int | None = Field(default=None, sa_type=BigInteger)
    reason: str
    status: str
    requested_by: str
    requested_at: datetime = Field(sa_type=DateTime(timezone=True))
    approved_by: str | None = None
    effective_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class CreditHoldRow(Table, table=True):
    """A credit hold, open until released."""

    __tablename__ = "credit_holds"

    id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    reason: str
    note: str | None = None
    placed_at: datetime = Field(sa_type=DateTime(timezone=True))
    placed_by: str
    released_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    released_by: str | None = None
    release_note: str | None = None


class CreditReservationRow(Table, table=True):
    """Credit held back for an order in flight."""

    __tablename__ = "credit_reservations"

    id: str = Field(primary_key=True)
    customer_id: str
    currency: str
    amount: int = Field(sa_type=BigInteger)
    order_reference: str
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))
    status: str
    invoice_id: str | None = None
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    ended_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    decision: dict[str, Any] | None = Field(default=None, sa_type=JSONB)


class CreditOverrideRow(Table, table=True):
    """A credit manager's approval of an order the check referred."""

    __tablename__ = "credit_overrides"

    id: str = Field(primary_key=True)
    customer_id: str
    order_reference: str
    currency: str
    amount: int = Field(sa_type=BigInteger)
    reason: str
    granted_by: str
    granted_at: datetime = Field(sa_type=DateTime(timezone=True))


metadata = Table.metadata
messaging = define_messaging_tables(metadata)
outbox = Outbox(messaging, source="credit", topic=CREDIT_EVENTS)
idempotency_keys = define_idempotency_table(metadata)
