"""Dead letters: a message that cannot be applied goes to `<topic>.dlq`, error in its headers.

It is also kept in the consumer's own `dead_letters` table so an operator can list it and
re-drive it once the cause is fixed.
"""

import logging
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaProducer, ConsumerRecord
from aiokafka.errors import KafkaError
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ledgerflow_events import metrics
from ledgerflow_events.envelope import header_of
from ledgerflow_events.kafka import KafkaConfig, close_quietly, make_producer
from ledgerflow_events.resilience import until_done
from ledgerflow_events.tables import MessagingTables
from ledgerflow_events.topics import dead_letter_topic

log = logging.getLogger(__name__)


class DeadLetterWriter:
    def __init__(
        self,
        kafka: KafkaConfig,
        sessions: async_sessionmaker[AsyncSession],
        tables: MessagingTables,
        *,
        service: str,
    ) -> None:
        self._kafka = kafka
        self._producer: AIOKafkaProducer | None = None
        self._sessions = sessions
        self._table = tables.dead_letters
        self.service = service

    async def _started_producer(self) -> AIOKafkaProducer:
        # Started on first use: most processes never dead-letter anything.
        if self._producer is None:
            producer = make_producer(self._kafka)
            await producer.start()
            self._producer = producer
        return self._producer

    async def close(self) -> None:
        if self._producer is not None:
            await close_quietly(self._producer)
            self._producer = None

    async def write(
        self, record: ConsumerRecord[bytes, bytes], error: BaseException, *, attempts: int
    ) -> None:
        """Record the letter, then publish it; each step waits out an outage of the database
        or the broker, so a letter is never lost nor left on the topic unlisted."""
        event_type = header_of(record, "ce_type") or "unknown"
        message = f"{type(error).__name__}: {error}"[:2000]
        error_headers = [
            ("dlq_error", message.encode()),
            ("dlq_error_type", type(error).__name__.encode()),
            ("dlq_source_topic", record.topic.encode()),
            ("dlq_source_partition", str(record.partition).encode()),
            ("dlq_source_offset", str(record.offset).encode()),
            ("dlq_consumer_group", self.service.encode()),
            ("dlq_attempts", str(attempts).encode()),
            ("dlq_failed_at", datetime.now(UTC).isoformat().encode()),
        ]
        where = f"{record.topic}[{record.partition}]@{record.offset}"
        recorded = False

        async def record_it() -> None:
            nonlocal recorded
            recorded = await self._record(record, event_type, message)

        # The table first: it is what operators list and re-drive from. Published first, a
        # letter whose recording failed sat on the topic where no one would ever see it.
        await until_done(f"recording the dead letter {where}", record_it)
        try:
            await until_done(
                f"publishing the dead letter {where}",
                lambda: self._publish(record, [*(record.headers or []), *error_headers]),
            )
        except KafkaError as refused:
            # Kept and listed all the same; retrying what the broker refuses would only stop
            # the partition behind it.
            log.error("the broker refused dead letter %s: %s", where, refused)
        metrics.EVENTS_DEAD_LETTERED.labels(self.service, event_type).inc()
        if recorded:
            metrics.DEAD_LETTERS_PENDING.labels(self.service).inc()
        log.error("dead-lettered %s from %s: %s", event_type, where, message)

    async def _record(
        self, record: ConsumerRecord[bytes, bytes], event_type: str, message: str
    ) -> bool:
        """Keep the letter unless it is kept already (a redelivery after a crash between
        recording and publishing); True if it was new."""
        table = self._table
        async with self._sessions() as session, session.begin():
            pending = select(table.c.id).where(
                table.c.topic == record.topic,
                table.c.partition == record.partition,
                table.c.offset == record.offset,
                table.c.redriven_at.is_(None),
            )
            if (await session.execute(pending.limit(1))).first() is not None:
                return False
            await session.execute(
                table.insert().values(
                    topic=record.topic,
                    partition=record.partition,
                    offset=record.offset,
                    event_id=header_of(record, "ce_id"),
                    event_type=event_type,
                    key=record.key,
                    headers={k: v.decode(errors="replace") for k, v in record.headers or []},
                    value=record.value,
                    error=message,
                )
            )
        return True

    async def _publish(
        self, record: ConsumerRecord[bytes, bytes], headers: list[tuple[str, bytes]]
    ) -> None:
        producer = await self._started_producer()
        try:
            await producer.send_and_wait(
                dead_letter_topic(record.topic), value=record.value, key=record.key, headers=headers
            )
        except BaseException:
            # A producer that lost its broker is not trusted again: the next try starts afresh.
            await self.close()
            raise


async def pending_dead_letters(
    session: AsyncSession, tables: MessagingTables
) -> list[dict[str, Any]]:
    table = tables.dead_letters
    rows = await session.execute(
        select(table).where(table.c.redriven_at.is_(None)).order_by(table.c.id)
    )
    return [dict(r._mapping) for r in rows]


async def count_pending(session: AsyncSession, tables: MessagingTables) -> int:
    table = tables.dead_letters
    query = select(func.count()).select_from(table).where(table.c.redriven_at.is_(None))
    return int((await session.execute(query)).scalar_one())


async def mark_redriven(
    session: AsyncSession, tables: MessagingTables, dead_letter_id: int
) -> None:
    table = tables.dead_letters
    await session.execute(
        update(table).where(table.c.id == dead_letter_id).values(redriven_at=datetime.now(UTC))
    )
