"""The database going away is an outage to wait out, never a reason to drop or dead-letter."""

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from ledgerflow_events.consumer import InboxConsumer
from ledgerflow_events.dead_letters import pending_dead_letters
from ledgerflow_events.inbox import Outcome
from ledgerflow_events.kafka import KafkaConfig, ensure_topics, make_producer
from ledgerflow_events.testing import as_record, cloud_event, eventually, stop_tasks
from ledgerflow_events.topics import dead_letter_topic

from .conftest import Scratch, invoice, metadata


@pytest.fixture
async def scratch(crashable_pg, kafka_broker) -> AsyncIterator[Scratch]:  # type: ignore[no-untyped-def]
    # pool_pre_ping: the crash leaves dead connections pooled, as in a service
    engine = create_async_engine(crashable_pg.create_database("outage"), pool_pre_ping=True)
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    kafka = KafkaConfig(
        kafka_broker.bootstrap_servers, session_timeout_ms=3000, heartbeat_interval_ms=500
    )
    topic = f"outage-{uuid.uuid4().hex[:8]}.events"
    await ensure_topics(kafka, [topic, dead_letter_topic(topic)])
    try:
        yield Scratch(engine, kafka, topic)
    finally:
        await asyncio.to_thread(crashable_pg.ensure_running)
        await engine.dispose()


async def waits_logged(caplog: pytest.LogCaptureFixture, words: str, count: int) -> bool:
    return sum(words in r.getMessage() for r in caplog.records) >= count


async def test_an_event_that_finds_the_database_down_waits_and_is_applied_not_dead_lettered(
    scratch: Scratch,
    crashable_pg,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    caplog.set_level(logging.WARNING, logger="ledgerflow_events")
    processor = scratch.processor()
    record = as_record(cloud_event(invoice("ines", 1, total="19.99")), topic=scratch.topic)

    await asyncio.to_thread(crashable_pg.stop)
    applying = asyncio.create_task(processor.process(record))
    # More failed attempts than the handler's retry budget (2), and still waiting.
    await eventually(lambda: waits_logged(caplog, "waits for a dependency", 3))
    assert not applying.done()
    await asyncio.to_thread(crashable_pg.start)

    async with asyncio.timeout(30):
        assert await applying == Outcome.APPLIED
    assert await scratch.applied_totals() == {"ines-inv-1": 1999}
    assert await scratch.count(scratch.tables.dead_letters) == 0


async def test_a_dead_letter_waits_for_the_database_then_is_listed_and_published_once(
    scratch: Scratch,
    crashable_pg,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    caplog.set_level(logging.WARNING, logger="ledgerflow_events")
    writer = scratch.processor()._dead_letters
    event = cloud_event(invoice("jon", 1))
    record = as_record(event, topic=scratch.topic, partition=2, offset=41)

    await asyncio.to_thread(crashable_pg.stop)
    writing = asyncio.create_task(writer.write(record, ValueError("no such tax code"), attempts=2))
    await eventually(lambda: waits_logged(caplog, "recording the dead letter", 2))
    assert not writing.done()
    await asyncio.to_thread(crashable_pg.start)
    async with asyncio.timeout(30):
        await writing
    # A redelivery after a crash between recording and publishing records nothing twice.
    await writer.write(record, ValueError("no such tax code"), attempts=2)
    await writer.close()

    async with scratch.sessions() as session:
        listed = await pending_dead_letters(session, scratch.tables)
    assert [(d["event_id"], d["partition"], d["offset"], d["error"]) for d in listed] == [
        (event.id, 2, 41, "ValueError: no such tax code")
    ]
    published = await scratch.read_topic(dead_letter_topic(scratch.topic), expected=2)
    assert [dict(r.headers)["ce_id"] for r in published] == [event.id.encode()] * 2


async def test_a_consumer_rides_out_a_database_crash_and_applies_every_event_once(
    scratch: Scratch,
    crashable_pg,  # type: ignore[no-untyped-def]
) -> None:
    processor = scratch.processor()
    consumer = InboxConsumer(processor, scratch.kafka, group_id="g-crash", topics=[scratch.topic])
    running = asyncio.create_task(consumer.run())
    producer = make_producer(scratch.kafka)
    await producer.start()
    try:
        expected = {}
        for n in range(1, 61):
            data = invoice(f"kim-{n % 4}", n, total=f"{n}.00")
            event = cloud_event(data)
            await producer.send_and_wait(
                scratch.topic,
                event.to_value(),
                key=event.subject.encode(),
                headers=event.to_headers(),
            )
            expected[data.invoice_id] = n * 100
            if n == 20:
                await asyncio.to_thread(crashable_pg.crash_restart)
        totals: dict[str, int] = {}

        async def all_applied() -> bool:
            nonlocal totals
            totals = await scratch.applied_totals()
            return len(totals) == len(expected)

        await eventually(all_applied, within=60)
        assert totals == expected
        assert not running.done()
        assert Outcome.DEAD_LETTERED not in processor.outcomes
        assert await scratch.count(scratch.tables.dead_letters) == 0
    finally:
        await producer.stop()
        await stop_tasks(running)
