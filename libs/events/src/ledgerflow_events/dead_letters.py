"""Dead letters: a message that cannot be applied goes to `<topic>.dlq`, error in its headers.

It is also kept in the consumer's own `dead_letters` table so an operator can list it and
re-drive it once the cause is fixed.
"""

import logging
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaProducer, ConsumerRecord
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ledgerflow_events import metrics
from ledgerflow_events.kafka import KafkaConfig, close_quietly, make_producer
from ledgerflow_events.tables import MessagingTables
from ledgerflow_events.topics import dead_letter_topic

log = logging.getLogger(__name__)


def _header(record: ConsumerRecord[bytes, bytes], name: str) -> str | None:
    for key, value in record.headers or []:
        if key == name:
            return str(value.decode(errors="replace"))
    return None


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
        event_type = _header(record, "ce_type") or "unknown"
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
        headers = [*(record.headers or []), *error_headers]
        producer = await self._started_producer()
        await producer.send_and_wait(
            dead_letter_topic(record.topic), value=record.value, key=record.key, headers=headers
        )
        async with self._sessions() as session, session.begin():
            await session.execute(
                self._table.insert().values(
                    topic=record.topic,
                    partition=record.partition,
                    offset=record.offset,
                    event_id=_header(record, "ce_id"),
                    event_type=event_type,
                    key=record.key,
                    headers={k: v.decode(errors="replace") for k, v in record.headers or []},
                    value=record.value,
                    error=message,
                )
            )
        metrics.EVENTS_DEAD_LETTERED.labels(self.service, event_type).inc()
        log.error(
            "dead-lettered %s from %s[%s]@%s: %s",
            event_type,
            record.topic,
            record.partition,
            record.offset,
            message,
        )


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
