"""credit-svc's tables, on a metadata of its own."""

from sqlalchemy import BigInteger
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


class ReceivableRow(Table, table=True):
    """An invoice's amount still owed, and whether it is past due."""

    __tablename__ = "receivables"

    invoice_id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    currency: str
    open_amount: int = Field(sa_type=BigInteger)
    overdue: bool = False


metadata = Table.metadata
messaging = define_messaging_tables(metadata)
# Nothing is published yet; the outbox is ready for credit's own facts and answers replays.
outbox = Outbox(messaging, source="credit", topic=CREDIT_EVENTS)
idempotency_keys = define_idempotency_table(metadata)
