"""Writing events into the transactional outbox, inside the caller's transaction."""

from datetime import UTC, datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from uuid6 import uuid7

from ledgerflow_events import context
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.tables import MessagingTables

Executor = AsyncSession | AsyncConnection


def notify_channel(source: str) -> str:
    return f"outbox_{source.replace('-', '_')}"


class Outbox:
    """The outbox of one producing service: `source` names it, `topic` is where it publishes."""

    def __init__(self, tables: MessagingTables, *, source: str, topic: str) -> None:
        self._tables = tables
        self.source = source
        self.topic = topic

    async def lock_stream(self, db: Executor, customer_id: str) -> None:
        """Lock the customer's event stream until commit; call it before reading their state."""
        streams = self._tables.event_streams
        stmt = insert(streams).values(subject=customer_id, last_sequence=0)
        stmt = stmt.on_conflict_do_update(
            index_elements=[streams.c.subject], set_={"subject": stmt.excluded.subject}
        )
        await db.execute(stmt)

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
        traceparent = traceparent or context.traceparent.get()
        event_id = str(uuid7())
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
