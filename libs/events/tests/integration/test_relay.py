import asyncio

from sqlalchemy import select, text

from ledgerflow_events.consumer import InboxConsumer
from ledgerflow_events.inbox import Outcome
from ledgerflow_events.kafka import make_producer
from ledgerflow_events.relay import OutboxRelay
from ledgerflow_events.testing import eventually, stop_tasks

from .conftest import Scratch, invoice


def relay_for(scratch: Scratch) -> OutboxRelay:
    return OutboxRelay(
        scratch.engine,
        scratch.tables,
        scratch.kafka,
        source=scratch.outbox.source,
        poll_interval=0.2,
    )


async def test_the_relay_publishes_each_customers_events_in_order_as_cloud_events(
    scratch: Scratch,
) -> None:
    await scratch.emit(invoice("alice", 1), invoice("bob", 1))
    await scratch.emit(invoice("alice", 2), invoice("alice", 3))
    relay = relay_for(scratch)
    producer = make_producer(scratch.kafka)
    await producer.start()
    async with scratch.engine.connect() as conn:
        assert await relay.publish_pending(conn, producer) == 4
    await producer.stop()

    records = await scratch.read_topic(scratch.topic, expected=4)
    alice = [r for r in records if r.key == b"alice"]
    headers = [dict(r.headers) for r in alice]
    assert [h["ce_sequence"] for h in headers] == [b"1", b"2", b"3"]
    assert {h["ce_type"] for h in headers} == {b"ledger.invoice_issued.v1"}
    assert len({r.partition for r in alice}) == 1
    async with scratch.engine.connect() as conn:
        unpublished = await conn.execute(
            text("SELECT count(*) FROM outbox WHERE published_at IS NULL")
        )
        assert unpublished.scalar_one() == 0


async def test_a_relay_killed_between_publish_and_mark_causes_no_double_effect(
    scratch: Scratch,
) -> None:
    await scratch.emit(invoice("carol", 1), invoice("carol", 2), invoice("dave", 1))
    crashed = relay_for(scratch)
    producer = make_producer(scratch.kafka)
    await producer.start()
    async with scratch.engine.connect() as conn:
        await crashed.send(producer, await crashed.fetch_pending(conn))
        # ...and the process dies here, before mark_published.
    await producer.stop()

    successor = asyncio.create_task(relay_for(scratch).run())
    processor = scratch.processor()
    consumer = asyncio.create_task(
        InboxConsumer(processor, scratch.kafka, group_id="g-crash", topics=[scratch.topic]).run()
    )
    try:
        await eventually(lambda: _settled(processor.outcomes, 6))
    finally:
        await stop_tasks(successor, consumer)

    assert len(await scratch.read_topic(scratch.topic, expected=6)) == 6
    assert sorted(processor.outcomes) == sorted([Outcome.APPLIED] * 3 + [Outcome.DUPLICATE] * 3)
    assert await scratch.applied_totals() == {
        "carol-inv-1": 10000,
        "carol-inv-2": 10000,
        "dave-inv-1": 10000,
    }


async def _settled(outcomes: list[Outcome], n: int) -> bool:
    return len(outcomes) >= n


async def test_only_one_relay_of_a_service_publishes_and_a_standby_takes_over(
    scratch: Scratch,
) -> None:
    first = asyncio.create_task(relay_for(scratch).run())
    await asyncio.sleep(0.3)
    second = asyncio.create_task(relay_for(scratch).run())
    await scratch.emit(*(invoice(f"c{n % 5}", n) for n in range(20)))
    await _wait_published(scratch)
    await stop_tasks(first)
    await scratch.emit(*(invoice("late", n) for n in range(5)))
    await _wait_published(scratch)
    await stop_tasks(second)

    records = await scratch.read_topic(scratch.topic, expected=25)
    ids = [dict(r.headers)["ce_id"] for r in records]
    assert len(ids) == 25
    assert len(set(ids)) == 25


async def _wait_published(scratch: Scratch) -> None:
    async def none_pending() -> bool:
        async with scratch.engine.connect() as conn:
            query = select(scratch.tables.outbox.c.position).where(
                scratch.tables.outbox.c.published_at.is_(None)
            )
            return (await conn.execute(query)).first() is None

    await eventually(none_pending)


async def test_a_replay_of_a_range_republishes_exactly_that_range_in_order(
    scratch: Scratch,
) -> None:
    await scratch.emit(*(invoice("ivan", n) for n in range(6)))
    relay = relay_for(scratch)
    producer = make_producer(scratch.kafka)
    await producer.start()
    async with scratch.engine.connect() as conn:
        await relay.publish_pending(conn, producer)
        first = (
            (
                await conn.execute(
                    select(scratch.tables.outbox.c.position).order_by(
                        scratch.tables.outbox.c.position
                    )
                )
            )
            .scalars()
            .all()
        )
        await conn.commit()
    async with scratch.sessions() as session, session.begin():
        assert await scratch.outbox.request_replay(session, first[2], first[4]) == 3
    async with scratch.engine.connect() as conn:
        assert await relay.publish_pending(conn, producer) == 3
    await producer.stop()

    records = await scratch.read_topic(scratch.topic, expected=9)
    sequences = [int(dict(r.headers)["ce_sequence"]) for r in records]
    assert sequences == [1, 2, 3, 4, 5, 6, 3, 4, 5]
