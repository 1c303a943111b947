"""Writing events into the transactional outbox, inside the caller's transaction."""

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from uuid6 import uuid7

from ledgerflow_events import context
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.driver import Executor, driver_connection
from ledgerflow_events.ids import time_ordered_ids
from ledgerflow_events.tables import MessagingTables
from ledgerflow_events.tracing import outbox_span

if TYPE_CHECKING:
    import asyncpg


def notify_channel(source: str) -> str:
    return f"outbox_{source.replace('-', '_')}"


# $5 counts each event's later events of the same customer in the batch: its sequence is the
# stream's new last number less that. Sorted by subject: writers lock streams in one order.
_APPEND_MANY = """
WITH streams AS (
    INSERT INTO {streams} AS s (subject, last_sequence)
    SELECT subject, n FROM unnest($6::text[], $7::bigint[]) AS v(subject, n) ORDER BY subject
    ON CONFLICT (subject) DO UPDATE SET last_sequence = s.last_sequence + excluded.last_sequence
    RETURNING subject, last_sequence
), appended AS (
    INSERT INTO {outbox}
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
"""

# One event, appended only while the customer's stream row is the version the caller read
# ($7: its xmin as text, NULL for no row yet). Every writer that locks or appends to the
# stream writes a new version of that row, so a changed version means someone may have
# changed the customer's state since the read: nothing is written and the caller reads again.
# A writer still holding the row makes this wait, then see its outcome. `{also}` adds the
# caller's own writes as further CTEs reading `FROM appended_to` (one row when appended, none
# otherwise), their parameters numbered from $11.
_APPEND_IF_UNCHANGED = """
WITH appended_to AS (
    INSERT INTO {streams} AS s (subject, last_sequence) VALUES ($2::text, 1)
    ON CONFLICT (subject) DO UPDATE SET last_sequence = s.last_sequence + 1
    WHERE s.xmin::text = $7::text
    RETURNING last_sequence
), appended AS (
    INSERT INTO {outbox}
        (id, aggregatetype, aggregateid, type, payload, sequence, occurred_at,
         tracingspancontext, correlation_id)
    SELECT $1::uuid, $3::text, $2::text, $4::text, CAST($5::text AS jsonb), last_sequence,
           $6::timestamptz, $8::text, $9::text
    FROM appended_to
){also}
SELECT (SELECT count(*) FROM appended_to) > 0 AS appended,
       CASE WHEN $10::text IS NOT NULL THEN pg_notify($10::text, '') END AS notified
"""

# Waking the relay takes a lock Postgres holds from a notifying transaction's commit until its
# WAL is flushed, one for the whole server: every transaction that notifies waits for the one
# before it to reach the disk, and at hundreds of appends a second every service's commits
# queued behind it. A writer appending that often notifies once in this long; the relay it
# wakes lingers longer than this before it reads (credit's: 100 ms), so the appends committed
# in between leave with it, and any other with the next wake or the relay's poll.
NOTIFY_AT_MOST_EVERY_S = 0.02

# Taking the stream's row lock: the upsert changes nothing but waits for any other holder.
_LOCK_ONE = """
INSERT INTO {streams} (subject, last_sequence) VALUES (:subject, 0)
ON CONFLICT (subject) DO UPDATE SET subject = excluded.subject
"""

# As lock_stream, for many customers at once; sorted, as _APPEND_MANY locks them.
_LOCK_MANY = """
INSERT INTO {streams} (subject, last_sequence)
SELECT subject, 0 FROM unnest(CAST(:subjects AS text[])) AS v(subject) ORDER BY subject
ON CONFLICT (subject) DO UPDATE SET subject = excluded.subject
"""


class Outbox:
    """The outbox of one producing service: `source` names it, `topic` is where it publishes."""

    def __init__(self, tables: MessagingTables, *, source: str, topic: str) -> None:
        self._tables = tables
        self.source = source
        self.topic = topic
        names = {"streams": tables.event_streams.name, "outbox": tables.outbox.name}
        self._append_many = _APPEND_MANY.format(**names)
        self._lock_many = text(_LOCK_MANY.format(**names))
        # Built once: every write of every service takes it first, and building the upsert
        # anew each time cost more than sending it.
        self._lock_one = text(_LOCK_ONE.format(**names))
        self._notified_at = float("-inf")

    async def lock_stream(self, db: Executor, customer_id: str) -> None:
        """Lock the customer's event stream until commit; call it before reading their state."""
        await db.execute(self._lock_one, {"subject": customer_id})

    async def lock_streams(self, db: Executor, customer_ids: Iterable[str]) -> None:
        """Lock these customers' event streams until commit, before reading their state; a
        later append_many in the same transaction numbers their events on them."""
        await db.execute(self._lock_many, {"subjects": sorted(set(customer_ids))})

    async def append_many(self, db: Executor, events: Sequence[EventData]) -> None:
        """Record many events for publication in one statement, as `append` records one:
        each customer's events numbered gap-free in the order given, one NOTIFY at commit."""
        if not events:
            return
        left = Counter(e.customer_id for e in events)
        counts = dict(left)
        later = []
        for event in events:
            left[event.customer_id] -= 1
            later.append(left[event.customer_id])
        # Straight to asyncpg: one statement of arrays, without SQLAlchemy's per-row binding.
        driver = await driver_connection(db)
        ids = time_ordered_ids()
        with outbox_span(self.topic, len(events)) as traceparent:
            await driver.execute(
                self._append_many,
                [next(ids) for _ in events],
                [e.customer_id for e in events],
                [e.event_type() for e in events],
                [e.model_dump_json() for e in events],
                later,
                list(counts),
                list(counts.values()),
                self.topic,
                datetime.now(UTC),
                traceparent or context.traceparent.get(),
                context.correlation_id.get(),
                notify_channel(self.source),
            )

    def append_if_unchanged_statement(self, also: str = "") -> str:
        """The statement `append_if_unchanged` sends with these further CTEs; build it once."""
        names = {"streams": self._tables.event_streams.name, "outbox": self._tables.outbox.name}
        return _APPEND_IF_UNCHANGED.format(**names, also=also)

    async def append_if_unchanged(
        self,
        driver: "asyncpg.Connection[Any]",
        event: EventData,
        seen: str | None,
        *,
        statement: str | None = None,
        also_args: Sequence[Any] = (),
        notify_every_s: float = 0.0,
    ) -> bool:
        """Record the event, and the writes `statement` adds (append_if_unchanged_statement),
        in one statement of its own, only if the customer's stream is still at version `seen`
        (read with the customer's state, in one snapshot, without a lock). False: nothing was
        written; read again and decide again. It takes no lock between the read and the write:
        a path that must answer in milliseconds spends two round trips, not six. With
        `notify_every_s`, the relay is woken only if it was not woken that recently by this
        process (NOTIFY_AT_MOST_EVERY_S says why)."""
        now = time.monotonic()
        notify = now - self._notified_at >= notify_every_s
        if notify:
            self._notified_at = now
        with outbox_span(self.topic, 1) as traceparent:
            row = await driver.fetchrow(
                statement or self.append_if_unchanged_statement(),
                next(time_ordered_ids()),
                event.customer_id,
                self.topic,
                event.event_type(),
                event.model_dump_json(),
                datetime.now(UTC),
                seen,
                traceparent or context.traceparent.get(),
                context.correlation_id.get(),
                notify_channel(self.source) if notify else None,
                *also_args,
            )
        return bool(row is not None and row["appended"])

    async def append(
        self,
        db: Executor,
        data: EventData,
        *,
        correlation_id: str | None = None,
        traceparent: str | None = None,
    ) -> str:
        """Record the event for publication; it leaves only if the caller's transaction commits."""
        streams = self._tables.event_streams
        bump = insert(streams).values(subject=data.customer_id, last_sequence=1)
        numbered = bump.on_conflict_do_update(
            index_elements=[streams.c.subject],
            set_={"last_sequence": streams.c.last_sequence + 1},
        ).returning(streams.c.last_sequence)
        sequence = (await db.execute(numbered)).scalar_one()
        correlation_id = correlation_id or context.correlation_id.get()
        event_id = str(uuid7())
        with outbox_span(self.topic, 1) as recorded:
            traceparent = traceparent or recorded or context.traceparent.get()
        await db.execute(
            self._tables.outbox.insert().values(
                id=event_id,
                aggregatetype=self.topic,
                aggregateid=data.customer_id,
                type=data.event_type(),
                payload=data.model_dump(mode="json"),
                sequence=sequence,
                occurred_at=datetime.now(UTC),
                tracingspancontext=traceparent,
                correlation_id=correlation_id,
            )
        )
        # Delivered at commit only: wakes the relay without polling.
        await db.execute(select(func.pg_notify(notify_channel(self.source), "")))
        return event_id

    async def request_replay(
        self, db: Executor, from_position: int | None = None, to_position: int | None = None
    ) -> int:
        """Queue a range of already-published events to be published again, in order."""
        outbox = self._tables.outbox
        stmt = update(outbox).where(outbox.c.published_at.is_not(None))
        if from_position is not None:
            stmt = stmt.where(outbox.c.position >= from_position)
        if to_position is not None:
            stmt = stmt.where(outbox.c.position <= to_position)
        result = await db.execute(stmt.values(published_at=None))
        await db.execute(
            text("SELECT pg_notify(:channel, '')"), {"channel": notify_channel(self.source)}
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
