import asyncio

from ledgerflow_events.consumer import InboxConsumer
from ledgerflow_events.kafka import ensure_topics
from ledgerflow_events.relay import OutboxRelay
from ledgerflow_events.testing import eventually, stop_tasks
from ledgerflow_events.topics import dead_letter_topic

from .conftest import Scratch, invoice


async def test_after_the_broker_restarts_empty_a_replay_brings_the_consumer_up_to_date(
    scratch: Scratch,
    kafka_broker,  # type: ignore[no-untyped-def]
) -> None:
    relay = asyncio.create_task(
        OutboxRelay(
            scratch.engine,
            scratch.tables,
            scratch.kafka,
            source=scratch.outbox.source,
            poll_interval=0.2,
        ).run()
    )
    processor = scratch.processor()
    consumer = InboxConsumer(processor, scratch.kafka, group_id="g-restart", topics=[scratch.topic])
    consuming = asyncio.create_task(consumer.run())
    try:
        await scratch.emit(*(invoice("gina", n) for n in range(3)))
        await eventually(lambda: _applied(scratch, 3))

        # The consumer is down when more events are published, then the broker loses them.
        await stop_tasks(consuming)
        await scratch.emit(*(invoice("gina", n) for n in range(3, 6)))
        await eventually(lambda: _all_published(scratch))
        await asyncio.to_thread(kafka_broker.restart)
        await ensure_topics(scratch.kafka, [scratch.topic, dead_letter_topic(scratch.topic)])

        consuming = asyncio.create_task(consumer.run())
        async with scratch.sessions() as session, session.begin():
            assert await scratch.outbox.request_replay(session) == 6
        await eventually(lambda: _applied(scratch, 6), within=40)
        await eventually(lambda: _all_published(scratch))
    finally:
        await stop_tasks(relay, consuming)

    assert len(await scratch.applied_totals()) == 6
    assert await scratch.count(scratch.tables.inbox) == 6


async def _applied(scratch: Scratch, n: int) -> bool:
    return len(await scratch.applied_totals()) >= n


async def _all_published(scratch: Scratch) -> bool:
    async with scratch.engine.connect() as conn:
        outbox = scratch.tables.outbox
        query = outbox.select().where(outbox.c.published_at.is_(None))
        return (await conn.execute(query)).first() is None
