"""The platform's tables in the ledger's database: outbox, inbox, event streams and dead
letters (ledgerflow_events), and the Idempotency-Keys of its writes (ledgerflow_platform)."""

from ledger_svc.adapters.tables.base import metadata
from ledgerflow_events.outbox import Outbox
from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_events.topics import LEDGER_EVENTS
from ledgerflow_platform.idempotency import IdempotencyStore, define_idempotency_table

messaging = define_messaging_tables(metadata)
idempotency_keys = define_idempotency_table(metadata)
outbox = Outbox(messaging, source="ledger", topic=LEDGER_EVENTS)
# Stateless, like the outbox: the keys of writes that claim them by the many (payments).
idempotency = IdempotencyStore(idempotency_keys)
