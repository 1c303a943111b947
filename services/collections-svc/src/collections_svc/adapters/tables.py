"""collections-svc's tables, on a metadata of its own."""

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Index, text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from ledgerflow_events.outbox import Outbox
from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_events.topics import COLLECTIONS_EVENTS
from ledgerflow_platform.idempotency import define_idempotency_table


class Table(SQLModel, registry=registry()):
    """collections-svc's own table registry, apart from every other service's."""


class ReceivableRow(Table, table=True):
    """An invoice's amount still owed, and whether it is past due."""

    __tablename__ = "receivables"

    invoice_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    currency: str
    open_amount: int = Field(sa_type=BigInteger)
    overdue: bool = False
    # Dunning: the invoice's terms, the level it reached and when its last notice went out.
    number: str | None = None
    due_date: date | None = None
    level: int = 0
    last_notice_on: date | None = None
    # What last changed the open amount (paid, credited, voided, written_off, reversed).
    changed_by: str | None = None


class CollectionCaseRow(Table, table=True):
    """A collection case as stored; at most one open per customer."""

    __tablename__ = "collection_cases"
    # Whatever the delivery, a customer never has two open cases at once.
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="case_status_known"),
        Index(
            "one_open_case_per_customer",
            "customer_id",
            unique=True,
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    currency: str
    status: str
    overdue_amount: int = Field(sa_type=BigInteger)
    opened_on: date
    closed_on: date | None = None
    # The collector working the case (a user id, the token's subject), and since when.
    collector: str | None = Field(default=None, index=True)
    assigned_on: date | None = None


metadata = Table.metadata
messaging = define_messaging_tables(metadata)
outbox = Outbox(messaging, source="collections", topic=COLLECTIONS_EVENTS)
idempotency_keys = define_idempotency_table(metadata)
