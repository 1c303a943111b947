"""The inbox: applies each event exactly once over at-least-once delivery.

For every message: claim its id in the inbox and run the handler in ONE database
transaction, then commit the Kafka offset. A redelivered event finds its claim and is
skipped. A handler that keeps failing sends the message to `<topic>.dlq` and the
partition moves on. A failure that is the infrastructure's (the database restarting, a
service not answering: resilience.is_transient) is no fault of the message: it is retried
until the dependency is back, and the message is never dead-lettered for it.

The consumer hands over a partition's fetched records together (process_batch): their claims
and handlers go in one transaction, one commit for all, since a transaction of its own per
event cost more than most handlers. If anything in it fails, all of it is rolled back and
the records are applied one at a time as above, with their retries and dead letters.
"""

import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from aiokafka import ConsumerRecord
from pydantic import ValidationError
from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from tenacity import AsyncRetrying, RetryCallState, wait_exponential_jitter

from ledgerflow_events import context, metrics
from ledgerflow_events.contracts import EventData, model_for
from ledgerflow_events.dead_letters import DeadLetterWriter
from ledgerflow_events.envelope import CloudEvent, Headers, MalformedEvent, header_of
from ledgerflow_events.resilience import is_transient, until_done
from ledgerflow_events.tables import MessagingTables
from ledgerflow_events.together import Together, runs
from ledgerflow_events.tracing import consumer_run_span, consumer_span

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


def event_id_of(record: ConsumerRecord[bytes, bytes]) -> str | None:
    return header_of(record, "ce_id")


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


# Claims a batch's ids in one statement; an id claimed before (or twice in the batch) is not
# returned, which is how a redelivered event is recognised.
_CLAIM_MANY = """
INSERT INTO {inbox} (event_id, event_type)
SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:types AS text[]))
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id
"""


class BatchFailed(Exception):
    """Something in a batch failed: nothing of it was committed."""


class InboxProcessor:
    """Applies records one at a time, or a partition's batch at once; Kafka-free so it can be
    driven directly."""

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
        self._claim_many = text(_CLAIM_MANY.format(inbox=self._inbox.fullname))

    async def applied_before(self, records: Sequence[ConsumerRecord[bytes, bytes]]) -> set[str]:
        """The event ids among `records` this inbox holds already: one query for a batch, so
        the thousands of events a replay delivers again are skipped at once, not one
        transaction each."""
        ids = [i for r in records if (i := event_id_of(r)) is not None]
        if not ids:
            return set()
        async with self._sessions() as session:
            found = await session.execute(
                select(self._inbox.c.event_id).where(self._inbox.c.event_id.in_(ids))
            )
            return {row.event_id for row in found}

    async def process(self, record: ConsumerRecord[bytes, bytes], *, seen: bool = False) -> Outcome:
        """Apply one record; `seen`: its id is known to be in the inbox (applied_before)."""
        return await self._process_one(record, seen=seen)

    async def process_batch(self, records: Sequence[ConsumerRecord[bytes, bytes]]) -> list[Outcome]:
        """Apply one partition's records, in order: in one transaction if all of them apply,
        else one at a time as `process` does (after one lookup of the ids seen before)."""
        try:
            return await self._apply_batch(records)
        except BatchFailed as failed:
            log.info("a batch of %d events failed (%s); applying them one by one",
                     len(records), failed)  # fmt: skip
        seen: set[str] = set()

        async def look_up() -> None:
            seen.update(await self.applied_before(records))

        await until_done(f"{self.service} looking up its inbox", look_up)
        return [
            await self._process_one(record, seen=event_id_of(record) in seen) for record in records
        ]

    async def _apply_batch(self, records: Sequence[ConsumerRecord[bytes, bytes]]) -> list[Outcome]:
        """All the records or none: raises BatchFailed, nothing committed, if any event is
        malformed or any claim, handler or the commit fails."""
        batch: list[tuple[ReceivedEvent[EventData], Handler] | None] = []
        for record in records:
            if self._not_handled(record):
                batch.append(None)
                continue
            try:
                event = decode(list(record.headers or []), record.value)
            except MalformedEvent as exc:
                # Dead-lettered where it stands, by the one-at-a-time path.
                raise BatchFailed(f"a malformed event: {exc}") from exc
            handler = self._handlers.get(event.envelope.type) if event else None
            batch.append((event, handler) if event is not None and handler is not None else None)
        applying = [item for item in batch if item is not None]
        outcomes: list[Outcome] = []
        if not applying:
            return [Outcome.IGNORED] * len(records)
        durations: list[float] = []
        started = time.perf_counter()
        failing: str | None = None  # the type of the event whose handler is running
        try:
            async with self._sessions() as session, session.begin():
                claimed = await session.execute(
                    self._claim_many,
                    {
                        "ids": [event.envelope.id for event, _ in applying],
                        "types": [event.envelope.type for event, _ in applying],
                    },
                )
                unclaimed = {row.event_id for row in claimed}
                applying_now: list[tuple[ReceivedEvent[EventData], Handler]] = []
                for item in batch:
                    if item is None:
                        outcomes.append(Outcome.IGNORED)
                        continue
                    event, handler = item
                    if event.envelope.id not in unclaimed:
                        outcomes.append(Outcome.DUPLICATE)  # or twice in this batch
                        continue
                    unclaimed.discard(event.envelope.id)
                    applying_now.append(item)
                    outcomes.append(Outcome.APPLIED)
                for handler, run in runs(applying_now):
                    failing = run[0].envelope.type
                    handled = time.perf_counter()
                    await self._handle(session, run, handler)
                    durations += [(time.perf_counter() - handled) / len(run)] * len(run)
                failing = None
        except Exception as exc:
            if failing is not None:
                metrics.EVENTS_FAILED.labels(self.service, failing).inc()
            raise BatchFailed(f"{type(exc).__name__}: {exc}") from exc
        # Each event's own handler time, and its share of the claims and the commit.
        shared = (time.perf_counter() - started - sum(durations)) / max(len(durations), 1)
        self._count(batch, outcomes, durations, shared)
        return outcomes

    async def _handle(
        self, session: AsyncSession, run: list[ReceivedEvent[EventData]], handler: Handler
    ) -> None:
        """One event of a batch, with its own correlation and trace as when applied alone; or
        a run of events its `Together` handler applies with one call (together.py)."""
        first = run[0].envelope
        context.correlation_id.set(first.correlation_id or first.id)
        if isinstance(handler, Together) and len(run) > 1:
            with consumer_run_span(self.service, [event.envelope for event in run]):
                context.traceparent.set(None)
                await handler.many(session, run)
        else:
            with consumer_span(self.service, first) as traceparent:
                context.traceparent.set(traceparent)
                await handler(session, run[0])
        # Each handler starts from the database, as in a session of its own: objects another
        # handler loaded are not handed on (what they changed is, the transaction being one).
        if session.new or session.deleted or len(session.identity_map):
            await session.flush()
            session.expunge_all()

    def _count(
        self,
        batch: list[tuple[ReceivedEvent[EventData], Handler] | None],
        outcomes: list[Outcome],
        durations: list[float],
        shared: float,
    ) -> None:
        now = datetime.now(UTC)
        handled = iter(durations)
        consumed: Counter[tuple[str, Outcome]] = Counter()
        for item, outcome in zip(batch, outcomes, strict=True):
            if item is None:
                continue  # ignored, and not counted, as when applied alone
            envelope = item[0].envelope
            consumed[envelope.type, outcome] += 1
            if outcome is not Outcome.APPLIED:
                continue
            metrics.HANDLER_DURATION.labels(self.service, envelope.type).observe(
                next(handled) + shared
            )
            latency = (now - envelope.time).total_seconds()
            metrics.EVENT_LATENCY.labels(self.service, envelope.type).observe(max(latency, 0.0))
        for (event_type, outcome), count in consumed.items():
            metrics.EVENTS_CONSUMED.labels(self.service, event_type, outcome.value).inc(count)

    def _not_handled(self, record: ConsumerRecord[bytes, bytes]) -> bool:
        """A type this consumer has no handler for, told by its header alone: a topic carries
        every event of its producer (credit's reservations come with every order checked), and
        reading and validating each only to ignore it cost most of what ignoring it does. A
        record without the header is decoded, and dead-lettered if it is no event at all."""
        event_type = header_of(record, "ce_type")
        return event_type is not None and event_type not in self._handlers

    async def _process_one(self, record: ConsumerRecord[bytes, bytes], *, seen: bool) -> Outcome:
        if seen:
            event_type = header_of(record, "ce_type") or "unknown"
            metrics.EVENTS_CONSUMED.labels(self.service, event_type, Outcome.DUPLICATE).inc()
            return Outcome.DUPLICATE
        if self._not_handled(record):
            return Outcome.IGNORED
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
