"""The background half of a service: outbox relay, event consumers and background tasks.

None of them ever ends the worker: each is restarted after a failure with a jittered wait
that grows while the failure lasts (resilience.keep_running), so a database, broker or
neighbouring service that goes away costs a pause, not the process. /health/ready (served
by the API beside it) says not-ready meanwhile.
"""

import asyncio
from contextlib import AsyncExitStack
from functools import partial
from typing import Any

from ledgerflow_events.consumer import InboxConsumer
from ledgerflow_events.dead_letters import DeadLetterWriter
from ledgerflow_events.inbox import InboxProcessor, RetryPolicy
from ledgerflow_events.relay import OutboxRelay
from ledgerflow_events.resilience import keep_running, until_done
from ledgerflow_platform.database import create_engine, session_factory
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.spec import ServiceSpec, Sessions


async def run_worker(spec: ServiceSpec, settings: ServiceSettings) -> None:
    engine = create_engine(settings, pool_size=4)
    sessions = session_factory(engine)
    kafka = settings.kafka()
    dead_letters = DeadLetterWriter(kafka, sessions, spec.messaging, service=spec.name)
    try:
        async with AsyncExitStack() as stack, asyncio.TaskGroup() as tasks:
            resources = await build_resources(spec, settings, sessions, stack)
            for task in spec.background:
                name = f"{spec.name}-{task.__name__}"
                tasks.create_task(keep_running(name, partial(task, resources)), name=name)
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
                    processor,
                    kafka,
                    group_id=spec.consumer_group,
                    topics=list(spec.consumes),
                    batch_size=settings.consumer_batch_size or None,
                )
                tasks.create_task(consumer.run(), name=f"{spec.name}-consumer")
    finally:
        await dead_letters.close()
        await engine.dispose()


async def build_resources(
    spec: ServiceSpec, settings: ServiceSettings, sessions: Sessions, stack: AsyncExitStack
) -> Any:
    """The service's resources, entered on `stack`; waits out a database that is not up yet."""
    if spec.resources is None:
        return None
    build = spec.resources
    built: list[Any] = []

    async def enter() -> None:
        built.append(await stack.enter_async_context(build(settings, sessions)))

    await until_done(f"building {spec.name}'s resources", enter)
    return built[0]
