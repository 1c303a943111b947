"""The outbox relay: publishes a service's outbox to Kafka, in order, at least once.

One relay per service is active at a time (a session advisory lock elects it); the others
wait as hot standbys. It wakes on NOTIFY from committing writers and polls as a fallback.
"""

import asyncio
import contextlib
import logging
import time
import zlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from sqlalchemy import Row, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from ledgerflow_events import metrics
from ledgerflow_events.envelope import CloudEvent
from ledgerflow_events.kafka import KafkaConfig, close_quietly, ensure_topics, make_producer
from ledgerflow_events.outbox import notify_channel
from ledgerflow_events.resilience import keep_running
from ledgerflow_events.tables import MessagingTables
from ledgerflow_events.tracing import producer_span

log = logging.getLogger(__name__)


MARK_PUBLISHED = text(
    "UPDATE outbox SET published_at = :at WHERE position = ANY(CAST(:positions AS bigint[]))"
)


def relay_lock_key(source: str) -> int:
    return zlib.crc32(f"ledgerflow-relay:{source}".encode())


def to_cloud_event(row: Row[Any], source: str) -> CloudEvent:
    return CloudEvent(
        id=str(row.id),
        type=row.type,
        source=f"/ledgerflow/{source}",
        subject=row.aggregateid,
        time=row.occurred_at,
        data=row.payload,
        sequence=row.sequence,
        traceparent=row.tracingspancontext,
        correlation_id=row.correlation_id,
    )


class OutboxRelay:
    def __init__(
        self,
        engine: AsyncEngine,
        tables: MessagingTables,
        kafka: KafkaConfig,
        *,
        source: str,
        batch_size: int = 500,
        poll_interval: float = 1.0,
        linger: float = 0.0,
    ) -> None:
        self._engine = engine
        self._outbox = tables.outbox
        self._kafka = kafka
        self.source = source
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._linger = linger
        self._wake = asyncio.Event()
        self._topics_ready = False

    async def run(self) -> None:
        """Relay for ever; whatever stops it (the database or the broker going away), it
        starts over after a jittered wait that grows while the outage lasts."""
        await keep_running(f"outbox relay of {self.source}", self._lead_once)

    async def _lead_once(self) -> None:
        try:
            await self._lead()
        except Exception:
            metrics.RELAY_ERRORS.labels(self.source).inc()
            self._topics_ready = False
            raise
        finally:
            metrics.RELAY_LEADER.labels(self.source).set(0)

    async def _lead(self) -> None:
        async with self._engine.connect() as conn:
            try:
                await self._acquire_leadership(conn)
                producer = make_producer(self._kafka)
                await producer.start()
                try:
                    reported = 0.0
                    while True:
                        if await self.publish_pending(conn, producer) < self._batch_size:
                            # Caught up. The backlog is a gauge scraped every few seconds:
                            # measuring it after every small batch would cost more than relaying.
                            if time.monotonic() - reported >= self._poll_interval:
                                await self._report_backlog(conn)
                                reported = time.monotonic()
                            await self._wait_for_work()
                finally:
                    await close_quietly(producer)
            finally:
                # Closing the connection releases the advisory lock for a standby; a pooled
                # connection would keep holding it.
                await conn.invalidate()

    async def _acquire_leadership(self, conn: AsyncConnection) -> None:
        key = relay_lock_key(self.source)
        while not (await conn.execute(select(func.pg_try_advisory_lock(key)))).scalar_one():
            await conn.commit()
            await asyncio.sleep(self._poll_interval)
        await conn.commit()
        raw = await conn.get_raw_connection()
        await raw.driver_connection.add_listener(  # type: ignore[union-attr]
            notify_channel(self.source), lambda *_: self._wake.set()
        )
        metrics.RELAY_LEADER.labels(self.source).set(1)
        log.info("outbox relay of %s is active", self.source)

    async def _wait_for_work(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=self._poll_interval)
            # Woken by a commit: give the commits right behind it a moment to join, so a busy
            # service publishes in batches rather than paying a relay cycle per transaction.
            if self._linger:
                await asyncio.sleep(self._linger)
        self._wake.clear()

    async def fetch_pending(self, conn: AsyncConnection) -> Sequence[Row[Any]]:
        query = (
            select(self._outbox)
            .where(self._outbox.c.published_at.is_(None))
            .order_by(self._outbox.c.position)
            .limit(self._batch_size)
        )
        return (await conn.execute(query)).all()

    async def send(self, producer: AIOKafkaProducer, rows: Sequence[Row[Any]]) -> None:
        """Publish rows in order and wait for every acknowledgement (acks=all)."""
        if not self._topics_ready:
            await ensure_topics(self._kafka, sorted({r.aggregatetype for r in rows}))
            self._topics_ready = True
        pending = []
        for row in rows:
            event = to_cloud_event(row, self.source)
            # The message carries the publishing span's context: the trace goes on through
            # Kafka into every consumer.
            with producer_span(self.source, event, row.aggregatetype) as traceparent:
                event = replace(event, traceparent=traceparent)
                pending.append(
                    await producer.send(
                        row.aggregatetype,
                        value=event.to_value(),
                        key=row.aggregateid.encode(),
                        headers=event.to_headers(),
                    )
                )
        await asyncio.gather(*pending)
        for row in rows:
            metrics.EVENTS_PUBLISHED.labels(self.source, row.type).inc()

    async def mark_published(self, conn: AsyncConnection, rows: Sequence[Row[Any]]) -> None:
        # One array parameter, not one per row: the same prepared statement for any batch size.
        await conn.execute(
            MARK_PUBLISHED, {"positions": [r.position for r in rows], "at": datetime.now(UTC)}
        )
        await conn.commit()

    async def publish_pending(self, conn: AsyncConnection, producer: AIOKafkaProducer) -> int:
        rows = await self.fetch_pending(conn)
        if rows:
            try:
                await self.send(producer, rows)
            except KafkaError:
                # The broker may have restarted empty: recreate topics on the next attempt.
                self._topics_ready = False
                raise
            await self.mark_published(conn, rows)
        else:
            await conn.commit()
        return len(rows)

    async def _report_backlog(self, conn: AsyncConnection) -> None:
        count, oldest = (
            await conn.execute(
                text("SELECT count(*), min(occurred_at) FROM outbox WHERE published_at IS NULL")
            )
        ).one()
        await conn.commit()
        metrics.OUTBOX_BACKLOG.labels(self.source).set(count)
        age = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
        metrics.OUTBOX_OLDEST_AGE.labels(self.source).set(age)
