"""The background half of a service: outbox relay and event consumers in one TaskGroup."""

import asyncio
from contextlib import AsyncExitStack

from ledgerflow_events.dead_letters import DeadLetterWriter
from ledgerflow_events.inbox import InboxConsumer, InboxProcessor, RetryPolicy
from ledgerflow_events.relay import OutboxRelay
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec


async def run_worker(spec: ServiceSpec, settings: ServiceSettings) -> None:
    engine = create_engine(settings, pool_size=4)
    sessions = session_factory(engine)
    kafka = settings.kafka()
    dead_letters = DeadLetterWriter(kafka, sessions, spec.messaging, service=spec.name)
    try:
        async with AsyncExitStack() as stack, asyncio.TaskGroup() as tasks:
            resources = (
                await stack.enter_async_context(spec.resources(settings, sessions))
                if spec.resources is not None
                else None
            )
            for task in spec.background:
                tasks.create_task(task(resources), name=f"{spec.name}-{task.__name__}")
            if spec.outbox is not None:
                relay = OutboxRelay(
                    engine,
                    spec.messaging,
                    kafka,
                    source=spec.name,
                    batch_size=settings.relay_batch_size,
                    poll_interval=settings.relay_poll_interval_s,
                    linger=settings.relay_linger_s,
                )
                tasks.create_task(relay.run(), name=f"{spec.name}-relay")
            if spec.consumes:
                processor = InboxProcessor(
                    sessions,
                    spec.messaging,
                    spec.handlers,
                    dead_letters,
                    service=spec.name,
                    retry=RetryPolicy(attempts=settings.consumer_retry_attempts),
                )
                consumer = InboxConsumer(
                    processor, kafka, group_id=spec.consumer_group, topics=list(spec.consumes)
                )
                tasks.create_task(consumer.run(), name=f"{spec.name}-consumer")
    finally:
        await dead_letters.close()
        await engine.dispose()
