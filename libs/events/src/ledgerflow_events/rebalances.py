"""Offsets are committed under the group assignment their records were fetched in, or not
at all.

aiokafka retries a commit until a coordinator answers, sending each try with the group's
generation of that moment. Begun for records fetched just before a memory-only broker
restarted, a commit would land, once the group had formed again on the new broker, as an
offset into topics that now hold other messages, and the consumer would skip every message
before it: events published after the restart and before the outboxes were replayed were
lost that way. A commit left out is harmless (the inbox skips what is delivered again).
"""

import asyncio
import logging

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition

log = logging.getLogger(__name__)


class Rebalances(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self) -> None:
        self.generation = 0
        self._commits: set[asyncio.Task[None]] = set()

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        # aiokafka awaits this before the group forms again: no commit under way can outlive
        # the assignment it belongs to.
        self.generation += 1
        for commit in self._commits:
            commit.cancel()

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        # When a restarted consumer is back at work is the first question after an outage.
        log.info("assigned %d partitions (generation %d)", len(assigned), self.generation)

    async def commit(
        self,
        consumer: AIOKafkaConsumer,
        offsets: dict[TopicPartition, int],
        *,
        fetched_in: int,
        within: float,
    ) -> bool:
        """Commit offsets of records fetched in generation `fetched_in`; False if the
        assignment changed first or meanwhile, or the broker did not answer in time."""
        if self.generation != fetched_in:
            return False
        commit = asyncio.ensure_future(consumer.commit(offsets))
        self._commits.add(commit)
        try:
            done, _ = await asyncio.wait({commit}, timeout=within)
        finally:
            self._commits.discard(commit)
        if not done:
            commit.cancel()
            return False
        if commit.cancelled():
            return False
        commit.result()  # raises what the commit raised
        return True
