"""A scratch producer/consumer schema on the real Postgres and broker."""

import asyncio
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import date
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRecord
from sqlalchemy import BigInteger, Column, MetaData, Table, Text, func, select
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_events.dead_letters import DeadLetterWriter
from ledgerflow_events.inbox import Handler, InboxProcessor, Outcome, ReceivedEvent, RetryPolicy
from ledgerflow_events.kafka import KafkaConfig, ensure_topics
from ledgerflow_events.money import to_minor
from ledgerflow_events.outbox import Outbox
from ledgerflow_events.tables import MessagingTables, define_messaging_tables
from ledgerflow_events.topics import dead_letter_topic

metadata = MetaData()
messaging = define_messaging_tables(metadata)
# What the test consumer does with each event: one row per applied invoice.
applied = Table(
    "applied",
    metadata,
    Column("invoice_id", Text, primary_key=True),
    Column("customer_id", Text, nullable=False),
    Column("total_minor", BigInteger, nullable=False),
)
POISON_TOTAL = "13.13"


def invoice(customer_id: str, n: int, total: str = "100.00") -> InvoiceIssued:
    return InvoiceIssued(
        customer_id=customer_id,
        invoice_id=f"{customer_id}-inv-{n}",
        number=f"INV-{n}",
        currency="EUR",
        total=total,
        issue_date=date(2026, 11, 1),
        due_date=date(2026, 12, 1),
    )


async def apply_invoice(session: AsyncSession, event: ReceivedEvent[InvoiceIssued]) -> None:
    data = event.data
    if data.total == POISON_TOTAL:
        raise ValueError("this invoice always fails")
    await session.execute(
        applied.insert().values(
            invoice_id=data.invoice_id,
            customer_id=data.customer_id,
            total_minor=to_minor(data.total, data.currency),
        )
    )


class RecordingProcessor(InboxProcessor):
    """The real processor, remembering each outcome so tests can wait for them."""

    outcomes: list[Outcome]

    async def process(self, record: ConsumerRecord[bytes, bytes], *, seen: bool = False) -> Outcome:
        outcome = await super().process(record, seen=seen)
        self.outcomes.append(outcome)
        return outcome

    async def process_batch(self, records: Sequence[ConsumerRecord[bytes, bytes]]) -> list[Outcome]:
        outcomes = await super().process_batch(records)
        self.outcomes.extend(outcomes)
        return outcomes


class Scratch:
    def __init__(self, engine: AsyncEngine, kafka: KafkaConfig, topic: str) -> None:
        self.engine = engine
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self.kafka = kafka
        self.topic = topic
        self.tables: MessagingTables = messaging
        self.outbox = Outbox(messaging, source=f"test-{topic}", topic=topic)

    async def emit(self, *events: InvoiceIssued) -> None:
        async with self.sessions() as session, session.begin():
            for event in events:
                await self.outbox.lock_stream(session, event.customer_id)
                await self.outbox.append(session, event)

    def processor(
        self, service: str = "test", apply: Handler = apply_invoice
    ) -> RecordingProcessor:
        writer = DeadLetterWriter(self.kafka, self.sessions, messaging, service=service)
        processor = RecordingProcessor(
            self.sessions,
            messaging,
            {InvoiceIssued: apply},
            writer,
            service=service,
            retry=RetryPolicy(attempts=2, initial_backoff=0.01),
        )
        processor.outcomes = []
        return processor

    async def applied_totals(self) -> dict[str, int]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(applied.c.invoice_id, applied.c.total_minor))
            return {r.invoice_id: r.total_minor for r in rows}

    async def count(self, table: Table) -> int:
        async with self.engine.connect() as conn:
            return int((await conn.execute(select(func.count()).select_from(table))).scalar_one())

    async def read_topic(self, topic: str, expected: int, within: float = 15.0) -> list[Any]:
        """Every record of a topic from the beginning, once `expected` have arrived."""
        consumer = AIOKafkaConsumer(
            topic,
            bootstrap_servers=self.kafka.bootstrap_servers,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            fetch_max_wait_ms=20,
        )
        await consumer.start()
        records: list[Any] = []
        try:
            async with asyncio.timeout(within):
                while len(records) < expected:
                    for batch in (await consumer.getmany(timeout_ms=200)).values():
                        records.extend(batch)
        finally:
            await consumer.stop()
        return records


@pytest.fixture
async def scratch(pg_server, kafka_broker) -> AsyncIterator[Scratch]:  # type: ignore[no-untyped-def]
    engine = create_async_engine(pg_server.create_database("events"))
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    kafka = KafkaConfig(
        kafka_broker.bootstrap_servers, session_timeout_ms=3000, heartbeat_interval_ms=500
    )
    topic = f"test-{uuid.uuid4().hex[:8]}.events"
    await ensure_topics(kafka, [topic, dead_letter_topic(topic)])
    yield Scratch(engine, kafka, topic)
    await engine.dispose()
