"""The base of customer-svc's tables, on a metadata of its own, and the platform's tables on it.

The outbox, inbox, event streams and idempotency keys every service has; the tables of each
feature are in the modules beside this one.
"""

from sqlalchemy.orm import registry
from sqlmodel import SQLModel

from ledgerflow_events.outbox import Outbox
from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_events.topics import CUSTOMER_EVENTS
from ledgerflow_platform.idempotency import define_idempotency_table


class Table(SQLModel, registry=registry()):
    pass


metadata = Table.metadata
messaging = define_messaging_tables(metadata)
idempotency_keys = define_idempotency_table(metadata)
outbox = Outbox(messaging, source="customer", topic=CUSTOMER_EVENTS)
