import asyncio

from ledgerflow_events.consumer import InboxConsumer
from ledgerflow_events.inbox import Outcome
from ledgerflow_events.relay import OutboxRelay
from ledgerflow_events.testing import eventually, stop_tasks
from ledgerflow_events.topics import DEFAULT_PARTITIONS

from .conftest import Scratch, invoice


async def test_two_consumers_of_one_group_share_the_partitions(scratch: Scratch) -> None:
    processors = [scratch.processor(), scratch.processor()]
    consumers = [
        InboxConsumer(p, scratch.kafka, group_id="g-shared", topics=[scratch.topic])
        for p in processors
    ]
    tasks = [asyncio.create_task(c.run()) for c in consumers]

    async def both_assigned() -> bool:
        sets = [c.consumer.assignment() if c.consumer else set() for c in consumers]
        return all(sets) and len(sets[0] | sets[1]) == DEFAULT_PARTITIONS

    relay = asyncio.create_task(
        OutboxRelay(
            scratch.engine, scratch.tables, scratch.kafka, source=scratch.outbox.source
        ).run()
    )
    try:
        await eventually(both_assigned, within=30)
        assignments = [c.consumer.assignment() for c in consumers if c.consumer]
        assert not assignments[0] & assignments[1]
        await scratch.emit(*(invoice(f"customer-{n}", 1) for n in range(40)))
        await eventually(lambda: _total(processors, 40))
    finally:
        await stop_tasks(*tasks, relay)

    assert all(p.outcomes for p in processors), "each consumer handled part of the load"
    assert sum(p.outcomes.count(Outcome.APPLIED) for p in processors) == 40
    assert len(await scratch.applied_totals()) == 40


async def _total(processors: list, n: int) -> bool:  # type: ignore[type-arg]
    return sum(len(p.outcomes) for p in processors) >= n
