"""Many events into the outbox at once, under the same contract as Outbox.append: the same
columns, and each customer's ce_sequence numbered gap-free on their event_streams row, which
stays locked until commit (so per-customer order is still commit order)."""

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from uuid6 import uuid7

from ledger_svc.adapters.bulk_copy import copy_connection, copy_rows
from ledger_svc.adapters.tables import messaging, outbox
from ledgerflow_events import context
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.outbox import notify_channel

# Sorted by subject: two bulk writers lock the streams they share in one order, never crosswise.
LOCK_AND_NUMBER = text(f"""
INSERT INTO {messaging.event_streams.name} AS s (subject, last_sequence)
SELECT subject, n
FROM unnest(CAST(:subjects AS text[]), CAST(:counts AS bigint[])) AS v(subject, n)
ORDER BY subject
ON CONFLICT (subject) DO UPDATE SET last_sequence = s.last_sequence + excluded.last_sequence
RETURNING subject, last_sequence
""")  # noqa: S608 - the table's own name, no input

OUTBOX_COLUMNS = (
    "id",
    "aggregatetype",
    "aggregateid",
    "type",
    "payload",
    "sequence",
    "occurred_at",
    "tracingspancontext",
    "correlation_id",
)


async def lock_and_number_streams(
    session: AsyncSession, counts: Mapping[str, int]
) -> dict[str, int]:
    """Lock every customer's event stream and reserve `counts[customer]` sequence numbers on it;
    the first number reserved per customer."""
    subjects = sorted(counts)
    found = await session.execute(
        LOCK_AND_NUMBER, {"subjects": subjects, "counts": [counts[s] for s in subjects]}
    )
    return {subject: int(last) - counts[subject] + 1 for subject, last in found.all()}


async def append_numbered(session: AsyncSession, events: Sequence[tuple[EventData, int]]) -> None:
    """Record (event, its reserved sequence) pairs for publication, in the given order."""
    occurred_at = datetime.now(UTC)
    correlation_id = context.correlation_id.get()
    traceparent = context.traceparent.get()
    records = [
        (
            str(uuid7()),
            outbox.topic,
            data.customer_id,
            data.event_type(),
            data.model_dump_json(),
            sequence,
            occurred_at,
            traceparent,
            correlation_id,
        )
        for data, sequence in events
    ]
    driver = await copy_connection(session)
    await copy_rows(driver, messaging.outbox.name, OUTBOX_COLUMNS, records)
    # Delivered at commit only, like Outbox.append's: wakes the relay without polling.
    await session.execute(
        text("SELECT pg_notify(:channel, '')"), {"channel": notify_channel(outbox.source)}
    )
