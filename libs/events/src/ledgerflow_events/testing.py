"""Test support: real event records without a broker, and polling for eventual states."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from aiokafka import ConsumerRecord
from uuid6 import uuid7

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.envelope import CloudEvent


def cloud_event(data: EventData, *, event_id: str | None = None, sequence: int = 1) -> CloudEvent:
    return CloudEvent(
        id=event_id or str(uuid7()),
        type=data.event_type(),
        source=f"/ledgerflow/{data.producer}",
        subject=data.customer_id,
        time=datetime.now(UTC),
        data=data.model_dump(mode="json"),
        sequence=sequence,
    )


def as_record(
    event: CloudEvent, *, topic: str, partition: int = 0, offset: int = 0
) -> ConsumerRecord[bytes, bytes]:
    value = event.to_value()
    key = event.subject.encode()
    return ConsumerRecord(
        topic=topic,
        partition=partition,
        offset=offset,
        timestamp=int(event.time.timestamp() * 1000),
        timestamp_type=0,
        key=key,
        value=value,
        checksum=None,
        serialized_key_size=len(key),
        serialized_value_size=len(value),
        headers=tuple(event.to_headers()),
    )


async def eventually(check: Callable[[], Awaitable[bool]], *, within: float = 20.0) -> None:
    """Poll until `check` holds; fail with TimeoutError after `within` seconds."""
    async with asyncio.timeout(within):
        while not await check():  # noqa: ASYNC110 - the state lives in another process
            await asyncio.sleep(0.05)


async def stop_tasks(*tasks: "asyncio.Task[object]", within: float = 20.0) -> None:
    """Cancel background tasks and wait, bounded, for them to finish."""
    for task in tasks:
        task.cancel()
    await asyncio.wait(tasks, timeout=within)
