"""Many events into the outbox in one statement, in the order given: what `uow.emit` does for
one event (Outbox.append: same columns, each customer's ce_sequence numbered gap-free on their
locked event_streams row, and a NOTIFY delivered at commit), for a whole batch at once."""

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from uuid6 import uuid7

from ledger_svc.adapters.bulk_copy import copy_connection
from ledger_svc.adapters.tables import messaging, outbox
from ledgerflow_events import context
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.outbox import notify_channel

# $5 counts each event's later events of the same customer in the batch: its sequence is the
# stream's new last number less that. Sorted by subject: writers lock streams in one order.
EMIT = f"""
WITH streams AS (
    INSERT INTO {messaging.event_streams.name} AS s (subject, last_sequence)
    SELECT subject, n FROM unnest($6::text[], $7::bigint[]) AS v(subject, n) ORDER BY subject
    ON CONFLICT (subject) DO UPDATE SET last_sequence = s.last_sequence + excluded.last_sequence
    RETURNING subject, last_sequence
), appended AS (
    INSERT INTO {messaging.outbox.name}
        (id, aggregatetype, aggregateid, type, payload, sequence, occurred_at,
         tracingspancontext, correlation_id)
    SELECT e.id, $8, e.subject, e.type, CAST(e.payload AS jsonb), s.last_sequence - e.later,
           $9, $10, $11
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[])
        WITH ORDINALITY AS e(id, subject, type, payload, later, n)
    JOIN streams s ON s.subject = e.subject
    ORDER BY e.n
)
SELECT pg_notify($12, '')
"""  # noqa: S608 - the tables' own names, no input


# As Outbox.lock_stream, for many customers at once; sorted, as EMIT locks them.
LOCK = text(f"""
INSERT INTO {messaging.event_streams.name} (subject, last_sequence)
SELECT subject, 0 FROM unnest(CAST(:subjects AS text[])) AS v(subject) ORDER BY subject
ON CONFLICT (subject) DO UPDATE SET subject = excluded.subject
""")  # noqa: S608 - the table's own name, no input


async def lock_streams(session: AsyncSession, customer_ids: Iterable[str]) -> None:
    """Lock these customers' event streams until commit, before reading their state; a later
    emit_in_order in the same transaction numbers their events on them."""
    await session.execute(LOCK, {"subjects": sorted(set(customer_ids))})


async def emit_in_order(session: AsyncSession, events: Sequence[EventData]) -> None:
    """Number each customer's events in the order given and record them for publication."""
    if not events:
        return
    left = Counter(e.customer_id for e in events)
    counts = dict(left)
    later = []
    for event in events:
        left[event.customer_id] -= 1
        later.append(left[event.customer_id])
    driver = await copy_connection(session)
    await driver.execute(
        EMIT,
        [str(uuid7()) for _ in events],
        [e.customer_id for e in events],
        [e.event_type() for e in events],
        [e.model_dump_json() for e in events],
        later,
        list(counts),
        list(counts.values()),
        outbox.topic,
        datetime.now(UTC),
        context.traceparent.get(),
        context.correlation_id.get(),
        notify_channel(outbox.source),
    )
