import asyncio

from aiokafka import AIOKafkaProducer

from ledgerflow_events.consumer import InboxConsumer
from ledgerflow_events.inbox import Outcome
from ledgerflow_events.kafka import make_producer
from ledgerflow_events.testing import as_record, cloud_event, eventually, stop_tasks
from ledgerflow_events.topics import dead_letter_topic

from .conftest import POISON_TOTAL, Scratch, apply_invoice, invoice


async def test_a_redelivered_event_changes_nothing(scratch: Scratch) -> None:
    processor = scratch.processor()
    event = cloud_event(invoice("erin", 1, total="250.10"))

    first = await processor.process(as_record(event, topic=scratch.topic, offset=0))
    again = await processor.process(as_record(event, topic=scratch.topic, offset=1))

    assert (first, again) == (Outcome.APPLIED, Outcome.DUPLICATE)
    assert await scratch.applied_totals() == {"erin-inv-1": 25010}
    assert await scratch.count(scratch.tables.inbox) == 1


async def test_events_of_unknown_types_are_acknowledged_and_ignored(scratch: Scratch) -> None:
    processor = scratch.processor()
    processor._handlers = {}  # a consumer that subscribes to the topic but handles nothing
    record = as_record(cloud_event(invoice("erin", 2)), topic=scratch.topic)
    assert await processor.process(record) == Outcome.IGNORED
    assert await scratch.applied_totals() == {}


async def test_a_poison_message_goes_to_the_dlq_and_later_messages_still_apply(
    scratch: Scratch,
) -> None:
    producer = make_producer(scratch.kafka)
    await producer.start()
    good, poison, later = (
        invoice("frank", 1),
        invoice("frank", 2, total=POISON_TOTAL),
        invoice("frank", 3),
    )
    for data in (good, poison):
        await _produce(producer, scratch.topic, cloud_event(data))
    # Not a CloudEvent at all, on the same partition (same key).
    await producer.send_and_wait(scratch.topic, value=b"garbage", key=b"frank")
    await _produce(producer, scratch.topic, cloud_event(later))
    await producer.stop()

    processor = scratch.processor()
    consumer = asyncio.create_task(
        InboxConsumer(processor, scratch.kafka, group_id="g-poison", topics=[scratch.topic]).run()
    )
    try:
        await eventually(lambda: _processed(processor.outcomes, 4))
    finally:
        await stop_tasks(consumer)

    assert processor.outcomes == [
        Outcome.APPLIED,
        Outcome.DEAD_LETTERED,
        Outcome.DEAD_LETTERED,
        Outcome.APPLIED,
    ]
    assert await scratch.applied_totals() == {"frank-inv-1": 10000, "frank-inv-3": 10000}
    dead = await scratch.read_topic(dead_letter_topic(scratch.topic), expected=2)
    headers = [dict(r.headers) for r in dead]
    assert headers[0]["dlq_error"] == b"ValueError: this invoice always fails"
    assert headers[0]["dlq_source_topic"] == scratch.topic.encode()
    assert headers[0]["ce_type"] == b"ledger.invoice_issued.v1"
    assert headers[1]["dlq_error_type"] == b"MalformedEvent"
    assert [r.value for r in dead][1] == b"garbage"
    assert await scratch.count(scratch.tables.dead_letters) == 2


async def _produce(producer: AIOKafkaProducer, topic: str, event) -> None:  # type: ignore[no-untyped-def]
    await producer.send_and_wait(
        topic, value=event.to_value(), key=event.subject.encode(), headers=event.to_headers()
    )


async def _processed(outcomes: list[Outcome], n: int) -> bool:
    return len(outcomes) >= n


async def test_a_transient_failure_is_retried_and_applied_once(scratch: Scratch) -> None:
    failures = iter([ConnectionError("database failover")])

    async def flaky(session, event) -> None:  # type: ignore[no-untyped-def]
        if (error := next(failures, None)) is not None:
            raise error
        await apply_invoice(session, event)

    processor = scratch.processor()
    processor._handlers = {"ledger.invoice_issued.v1": flaky}
    record = as_record(cloud_event(invoice("hana", 1, total="75.25")), topic=scratch.topic)

    assert await processor.process(record) == Outcome.APPLIED
    assert await scratch.applied_totals() == {"hana-inv-1": 7525}
    assert await scratch.count(scratch.tables.dead_letters) == 0


async def test_a_batch_delivered_again_is_recognised_in_one_lookup_and_skipped(
    scratch: Scratch,
) -> None:
    processor = scratch.processor()
    events = [cloud_event(invoice("ivy", n)) for n in range(3)]
    records = [as_record(e, topic=scratch.topic, offset=n) for n, e in enumerate(events)]
    await processor.process(records[0])
    await processor.process(records[2])

    seen = await processor.applied_before(records)

    assert seen == {events[0].id, events[2].id}
    outcomes = [
        await processor.process(r, seen=e.id in seen) for r, e in zip(records, events, strict=True)
    ]
    assert outcomes == [Outcome.DUPLICATE, Outcome.APPLIED, Outcome.DUPLICATE]
    assert sorted(await scratch.applied_totals()) == ["ivy-inv-0", "ivy-inv-1", "ivy-inv-2"]
