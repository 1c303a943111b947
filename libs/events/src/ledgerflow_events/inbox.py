"""The inbox consumer: applies each event exactly once over at-least-once delivery.

For every message: claim its id in the inbox and run the handler in ONE database
transaction, then commit the Kafka offset. A redelivered event finds its claim and is
skipped. A handler that keeps failing sends the message to `<topic>.dlq` and the
partition moves on. A failure that is the infrastructure's (the database restarting, a
service not answering: resilience.is_transient) is no fault of the message: it is retried
until the dependency is back, and the message is never dead-lettered for it.
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from pydantic import ValidationError
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from tenacity import AsyncRetrying, RetryCallState, wait_exponential_jitter

from ledgerflow_events import context, metrics
from ledgerflow_events.contracts import EventData, model_for
from ledgerflow_events.dead_letters import DeadLetterWriter
from ledgerflow_events.envelope import CloudEvent, Headers, MalformedEvent
from ledgerflow_events.kafka import KafkaConfig, close_quietly, ensure_topics, make_consumer
from ledgerflow_events.lag import report_lag
from ledgerflow_events.resilience import is_transient, keep_running
from ledgerflow_events.tables import MessagingTables
from ledgerflow_events.tracing import consumer_span

log = logging.getLogger(__name__)


E = TypeVar("E", bound=EventData, covariant=True)


@dataclass(frozen=True)
class ReceivedEvent(Generic[E]):
    """A consumed event: its envelope and its data, already an instance of its contract."""

    envelope: CloudEvent
    data: E


Handler = Callable[[AsyncSession, ReceivedEvent[Any]], Awaitable[None]]
"""Applies one event inside the inbox's transaction; typed by the contract it is filed under."""

Handlers = Mapping[type[EventData], Handler]
"""A consumer's handlers by the contract class they apply: the inbox hands each handler the
event's data as an instance of that class, so handlers never check types themselves."""


class Outcome(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    DEAD_LETTERED = "dead_lettered"


@dataclass(frozen=True)
class RetryPolicy:
    """`attempts` for a handler that fails; a dependency outage is waited out for as long as
    it lasts, `outage_backoff` apart at most."""

    attempts: int = 4
    initial_backoff: float = 0.05
    max_backoff: float = 2.0
    outage_backoff: float = 5.0
    jitter: float = 0.2


def decode(headers: Headers | None, value: bytes | None) -> ReceivedEvent[EventData] | None:
    """The event in a message, or None for a type this consumer does not know (ignored)."""
    envelope = CloudEvent.from_kafka(headers, value)
    model = model_for(envelope.type)
    if model is None:
        return None
    try:
        return ReceivedEvent(envelope, model.model_validate(envelope.data))
    except ValidationError as exc:
        raise MalformedEvent(f"{envelope.type} does not match its contract: {exc}") from exc


class InboxProcessor:
    """Applies one record at a time; Kafka-free so it can be driven directly."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        tables: MessagingTables,
        handlers: Handlers,
        dead_letters: DeadLetterWriter,
        *,
        service: str,
        retry: RetryPolicy = RetryPolicy(),
    ) -> None:
        self._sessions = sessions
        self._inbox = tables.inbox
        self._handlers = {model.event_type(): handler for model, handler in handlers.items()}
        self._dead_letters = dead_letters
        self.service = service
        self._retry = retry

    async def process(self, record: ConsumerRecord[bytes, bytes]) -> Outcome:
        try:
            event = decode(list(record.headers or []), record.value)
        except MalformedEvent as exc:
            await self._dead_letters.write(record, exc, attempts=1)
            return Outcome.DEAD_LETTERED
        handler = self._handlers.get(event.envelope.type) if event else None
        if event is None or handler is None:
            return Outcome.IGNORED
        event_type = event.envelope.type
        started = time.perf_counter()
        try:
            outcome = await self._apply_with_retries(event, handler)
        except Exception as exc:
            log.exception("event %s (%s) failed; dead-lettering", event.envelope.id, event_type)
            await self._dead_letters.write(record, exc, attempts=self._retry.attempts)
            return Outcome.DEAD_LETTERED
        metrics.HANDLER_DURATION.labels(self.service, event_type).observe(
            time.perf_counter() - started
        )
        latency = (datetime.now(UTC) - event.envelope.time).total_seconds()
        metrics.EVENT_LATENCY.labels(self.service, event_type).observe(max(latency, 0.0))
        metrics.EVENTS_CONSUMED.labels(self.service, event_type, outcome.value).inc()
        return outcome

    async def _apply_with_retries(
        self, event: ReceivedEvent[EventData], handler: Handler
    ) -> Outcome:
        """Apply the event, retrying a failing handler `attempts` times and an outage for as
        long as it lasts; raises the handler's last error."""
        failures = 0
        policy = self._retry

        def worth_retrying(state: RetryCallState) -> bool:
            nonlocal failures
            error = state.outcome.exception() if state.outcome else None
            if error is None:
                return False
            metrics.EVENTS_FAILED.labels(self.service, event.envelope.type).inc()
            if is_transient(error):
                log.warning("event %s waits for a dependency: %s", event.envelope.id, error)
                return True
            failures += 1
            return failures < policy.attempts

        def wait(state: RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            longest = policy.outage_backoff if error and is_transient(error) else policy.max_backoff
            backoff = wait_exponential_jitter(
                multiplier=policy.initial_backoff, max=longest, jitter=policy.jitter
            )
            return backoff(state)

        async for attempt in AsyncRetrying(retry=worth_retrying, wait=wait, reraise=True):
            with attempt:
                return await self.apply(event, handler)
        raise AssertionError("tenacity either returns an attempt's result or raises")

    async def redrive(self, dead_letter: Mapping[str, Any]) -> Outcome:
        """Apply a dead-lettered message again; raises if it still fails."""
        headers = [(k, v.encode()) for k, v in dead_letter["headers"].items()]
        event = decode(headers, dead_letter["value"])
        handler = self._handlers.get(event.envelope.type) if event else None
        if event is None or handler is None:
            return Outcome.IGNORED
        return await self.apply(event, handler)

    async def apply(self, event: ReceivedEvent[EventData], handler: Handler) -> Outcome:
        """Inbox claim and handler effects commit together, or not at all."""
        # Events the handler causes carry the correlation and trace of the event that caused them.
        context.correlation_id.set(event.envelope.correlation_id or event.envelope.id)
        with consumer_span(self.service, event.envelope) as traceparent:
            context.traceparent.set(traceparent)
            return await self._apply(event, handler)

    async def _apply(self, event: ReceivedEvent[EventData], handler: Handler) -> Outcome:
        async with self._sessions() as session, session.begin():
            claim = (
                insert(self._inbox)
                .values(event_id=event.envelope.id, event_type=event.envelope.type)
                .on_conflict_do_nothing()
                .returning(self._inbox.c.event_id)
            )
            if (await session.execute(claim)).first() is None:
                return Outcome.DUPLICATE
            await handler(session, event)
        return Outcome.APPLIED


class InboxConsumer:
    """Runs an InboxProcessor over a Kafka consumer group."""

    def __init__(
        self,
        processor: InboxProcessor,
        kafka: KafkaConfig,
        *,
        group_id: str,
        topics: list[str],
        commit_timeout: float = 5.0,
    ) -> None:
        self._processor = processor
        self._kafka = kafka
        self.group_id = group_id
        self.topics = topics
        self._commit_timeout = commit_timeout
        self.consumer: AIOKafkaConsumer | None = None

    async def run(self) -> None:
        """Consume for ever: whatever stops the consumer (the broker or the database going
        away), it starts again after a jittered, growing wait."""
        await keep_running(f"consumer {self.group_id}", self._consume)

    async def _consume(self) -> None:
        await ensure_topics(self._kafka, self.topics)
        consumer = make_consumer(self._kafka, self.group_id, self.topics)
        self.consumer = consumer
        await consumer.start()
        try:
            while True:
                batches = await consumer.getmany(timeout_ms=500, max_records=500)
                for tp, records in batches.items():
                    for record in records:
                        await self._processor.process(record)
                    await self._commit(consumer, tp, records[-1].offset + 1)
                    self._report_lag(consumer, tp, records[-1])
        finally:
            self.consumer = None
            await close_quietly(consumer)

    async def _commit(self, consumer: AIOKafkaConsumer, tp: TopicPartition, offset: int) -> None:
        # After a broker restart a commit can retry forever; the inbox makes a lost commit harmless.
        try:
            await asyncio.wait_for(consumer.commit({tp: offset}), self._commit_timeout)
        except (KafkaError, TimeoutError) as exc:
            log.warning("offset commit for %s failed (will be redelivered): %s", tp, exc)

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
