"""The inbox consumer: an InboxProcessor over a Kafka consumer group.

Records are applied in order per partition, then their offset is committed (rebalances.py
says when it is not). A partition's records are applied `batch_size` at a time in one
transaction (InboxProcessor.process_batch): a bigger batch costs less per event, but holds
the rows its handlers lock, and keeps what it changed unseen, until all of it commits.

The partitions of a fetched batch are applied side by side: a partition's events are one
customer's stream and never wait on another's, and a consumer catching up (after a restart,
say) spends most of its time waiting on database round trips, which overlap. A replay of
everything a producer ever published costs one statement per batch for what was seen
before: the batch's claims.
"""

import asyncio
import logging

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError

from ledgerflow_events.inbox import InboxProcessor, event_id_of
from ledgerflow_events.kafka import KafkaConfig, close_quietly, ensure_topics, make_consumer
from ledgerflow_events.lag import report_lag
from ledgerflow_events.rebalances import Rebalances
from ledgerflow_events.resilience import keep_running, until_done

log = logging.getLogger(__name__)


class InboxConsumer:
    def __init__(
        self,
        processor: InboxProcessor,
        kafka: KafkaConfig,
        *,
        group_id: str,
        topics: list[str],
        commit_timeout: float = 5.0,
        partitions_at_once: int = 4,
        batch_size: int | None = 10,
    ) -> None:
        assert batch_size is None or batch_size >= 1, "None applies each event on its own"
        self._processor = processor
        self._kafka = kafka
        self.group_id = group_id
        self.topics = topics
        self._commit_timeout = commit_timeout
        # each partition applied at once holds a database connection while it does
        self._partitions_at_once = asyncio.Semaphore(partitions_at_once)
        # None: each event in a transaction of its own, as before batches were applied at once
        self._batch_size = batch_size
        self.consumer: AIOKafkaConsumer | None = None

    async def run(self) -> None:
        """Consume for ever: whatever stops the consumer (the broker or the database going
        away), it starts again after a jittered, growing wait."""
        await keep_running(f"consumer {self.group_id}", self._consume)

    async def _consume(self) -> None:
        await ensure_topics(self._kafka, self.topics)
        consumer = make_consumer(self._kafka, self.group_id, [])
        rebalances = Rebalances()
        consumer.subscribe(self.topics, listener=rebalances)
        self.consumer = consumer
        await consumer.start()
        try:
            while True:
                generation = rebalances.generation
                batches = await consumer.getmany(timeout_ms=500, max_records=500)
                if not batches:
                    continue
                # One failing partition cancels the others; nothing of the batch is committed
                # then, and the inbox skips what was applied when it is delivered again.
                async with asyncio.TaskGroup() as partitions:
                    for records in batches.values():
                        partitions.create_task(self._apply(records))
                offsets = {tp: records[-1].offset + 1 for tp, records in batches.items()}
                await self._commit(consumer, rebalances, generation, offsets)
                for tp, records in batches.items():
                    self._report_lag(consumer, tp, records[-1])
        finally:
            self.consumer = None
            await close_quietly(consumer)

    async def _apply(self, records: list[ConsumerRecord[bytes, bytes]]) -> None:
        """One partition's records, in order."""
        async with self._partitions_at_once:
            if self._batch_size is not None:
                for start in range(0, len(records), self._batch_size):
                    await self._processor.process_batch(records[start : start + self._batch_size])
                return
            seen = await self._applied_before(records)
            for record in records:
                await self._processor.process(record, seen=event_id_of(record) in seen)

    async def _applied_before(self, records: list[ConsumerRecord[bytes, bytes]]) -> set[str]:
        found: set[str] = set()

        async def look_up() -> None:
            found.update(await self._processor.applied_before(records))

        await until_done(f"consumer {self.group_id} looking up its inbox", look_up)
        return found

    async def _commit(
        self,
        consumer: AIOKafkaConsumer,
        rebalances: Rebalances,
        generation: int,
        offsets: dict[TopicPartition, int],
    ) -> None:
        # Not committed, the records are delivered again and the inbox skips them.
        try:
            committed = await rebalances.commit(
                consumer, offsets, fetched_in=generation, within=self._commit_timeout
            )
        except KafkaError as exc:
            committed = False
            log.warning("offset commit of %s failed: %s", offsets, exc)
        if not committed:
            log.info("offsets %s not committed (will be redelivered)", offsets)

    def _report_lag(
        self, consumer: AIOKafkaConsumer, tp: TopicPartition, last: ConsumerRecord[bytes, bytes]
    ) -> None:
        # Tansu's end_offsets() is wrong after batched produce; the high-water mark is right.
        report_lag(
            self._processor.service,
            tp,
            highwater=consumer.highwater(tp),
            next_offset=last.offset + 1,
            last_timestamp_ms=last.timestamp,
        )
