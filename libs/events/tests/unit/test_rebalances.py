import asyncio

from aiokafka import TopicPartition

from ledgerflow_events.rebalances import Rebalances

TP = TopicPartition("ledger.events", 1)


class Consumer:
    """Stands in for AIOKafkaConsumer.commit: records offsets once `answer` is set, as
    aiokafka's commit waits for a coordinator that may be gone."""

    def __init__(self) -> None:
        self.committed: list[dict[TopicPartition, int]] = []
        self.answer = asyncio.Event()
        self.asked = asyncio.Event()

    async def commit(self, offsets: dict[TopicPartition, int]) -> None:
        self.asked.set()
        await self.answer.wait()
        self.committed.append(offsets)


async def test_offsets_are_committed_under_the_assignment_they_were_fetched_in() -> None:
    rebalances, consumer = Rebalances(), Consumer()
    consumer.answer.set()
    fetched_in = rebalances.generation

    assert await rebalances.commit(consumer, {TP: 42}, fetched_in=fetched_in, within=1)  # type: ignore[arg-type]
    assert consumer.committed == [{TP: 42}]


async def test_records_fetched_before_a_rebalance_have_their_offsets_left_uncommitted() -> None:
    rebalances, consumer = Rebalances(), Consumer()
    consumer.answer.set()
    fetched_in = rebalances.generation
    await rebalances.on_partitions_revoked({TP})

    assert not await rebalances.commit(consumer, {TP: 42}, fetched_in=fetched_in, within=1)  # type: ignore[arg-type]
    assert consumer.committed == []


async def test_a_commit_waiting_for_the_broker_is_dropped_when_the_group_re_forms() -> None:
    rebalances, consumer = Rebalances(), Consumer()
    fetched_in = rebalances.generation
    committing = asyncio.create_task(
        rebalances.commit(consumer, {TP: 42}, fetched_in=fetched_in, within=10)  # type: ignore[arg-type]
    )
    await consumer.asked.wait()

    await rebalances.on_partitions_revoked({TP})
    consumer.answer.set()  # the new broker answers: too late for this commit

    assert await committing is False
    assert consumer.committed == []
