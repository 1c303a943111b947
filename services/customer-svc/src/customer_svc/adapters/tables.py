"""customer-svc's tables, on a metadata of its own."""

from datetime import datetime

from sqlalchemy import DateTime
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from ledgerflow_events.outbox import Outbox
from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_events.topics import CUSTOMER_EVENTS
from ledgerflow_platform.idempotency import define_idempotency_table


class Table(SQLModel, registry=registry()):
    pass


class CustomerRow(Table, table=True):
    __tablename__ = "customers"

    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    currency: str
    payment_terms_days: int
    registered_at: datetime = Field(sa_type=DateTime(timezone=True))


metadata = Table.metadata
messaging = define_messaging_tables(metadata)
idempotency_keys = define_idempotency_table(metadata)
outbox = Outbox(messaging, source="customer", topic=CUSTOMER_EVENTS)
