"""A consumer catching up applies its partitions side by side, each still in order."""

import asyncio

from aiokafka.partitioner import DefaultPartitioner
from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.consumer import InboxConsumer
from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_events.inbox import Outcome, ReceivedEvent
from ledgerflow_events.relay import OutboxRelay
from ledgerflow_events.testing import eventually, stop_tasks
from ledgerflow_events.topics import DEFAULT_PARTITIONS

from .conftest import Scratch, apply_invoice, invoice


def customers_on_two_partitions() -> tuple[str, str]:
    partitions = list(range(DEFAULT_PARTITIONS))
    place = DefaultPartitioner()
    by_partition: dict[int, str] = {}
    for n in range(100):
        customer = f"customer-{n}"
        by_partition.setdefault(place(customer.encode(), partitions, partitions), customer)
    first, second = sorted(by_partition)[:2]
    return by_partition[first], by_partition[second]


async def test_the_partitions_of_a_batch_are_applied_side_by_side(scratch: Scratch) -> None:
    # Each customer's first invoice waits for the other's: applied one partition after the
    # other, neither would ever arrive, and both would fail their handler.
    meeting = asyncio.Barrier(2)
    met: list[str] = []
    order: list[str] = []

    async def apply_when_both_arrive(
        session: AsyncSession, event: ReceivedEvent[InvoiceIssued]
    ) -> None:
        if event.data.number == "INV-1":
            async with asyncio.timeout(10):
                await meeting.wait()
            met.append(event.data.customer_id)
        order.append(event.data.invoice_id)
        await apply_invoice(session, event)

    one, other = customers_on_two_partitions()
    await scratch.emit(*(invoice(c, n) for c in (one, other) for n in (1, 2, 3)))
    relay = OutboxRelay(scratch.engine, scratch.tables, scratch.kafka, source=scratch.outbox.source)
    relaying = asyncio.create_task(relay.run())
    await scratch.read_topic(scratch.topic, expected=6)  # all there before the consumer starts

    processor = scratch.processor(apply=apply_when_both_arrive)
    consumer = InboxConsumer(processor, scratch.kafka, group_id="g-side", topics=[scratch.topic])
    consuming = asyncio.create_task(consumer.run())
    try:
        await eventually(lambda: _applied(processor, 6), within=30)
    finally:
        await stop_tasks(consuming, relaying)

    assert sorted(met) == sorted([one, other])
    assert processor.outcomes == [Outcome.APPLIED] * 6
    for customer in (one, other):
        assert [i for i in order if i.startswith(f"{customer}-")] == [
            f"{customer}-inv-{n}" for n in (1, 2, 3)
        ]


async def _applied(processor, n: int) -> bool:  # type: ignore[no-untyped-def]
    return len(processor.outcomes) >= n
