"""Kafka clients tuned for both Apache Kafka and the embedded Tansu broker."""

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from ledgerflow_events.topics import DEFAULT_PARTITIONS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KafkaConfig:
    bootstrap_servers: str
    # Tansu holds group joins for session_timeout/2 and does not wake waiting fetches,
    # so both are kept short; they are also sane on Apache Kafka.
    session_timeout_ms: int = 6000
    heartbeat_interval_ms: int = 1000
    fetch_max_wait_ms: int = 20
    metadata_max_age_ms: int = 5000
    request_timeout_ms: int = 10000


def make_producer(config: KafkaConfig) -> AIOKafkaProducer:
    # Idempotent producers do not work on Tansu; acks=all plus inbox dedupe gives the same effect.
    return AIOKafkaProducer(
        bootstrap_servers=config.bootstrap_servers,
        acks="all",
        enable_idempotence=False,
        linger_ms=5,
        max_batch_size=256 * 1024,
        request_timeout_ms=config.request_timeout_ms,
        metadata_max_age_ms=config.metadata_max_age_ms,
    )


def make_consumer(config: KafkaConfig, group_id: str, topics: Iterable[str]) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        *topics,
        bootstrap_servers=config.bootstrap_servers,
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=config.session_timeout_ms,
        heartbeat_interval_ms=config.heartbeat_interval_ms,
        fetch_max_wait_ms=config.fetch_max_wait_ms,
        metadata_max_age_ms=config.metadata_max_age_ms,
        request_timeout_ms=config.request_timeout_ms,
    )


async def ensure_topics(
    config: KafkaConfig, topics: Iterable[str], partitions: int = DEFAULT_PARTITIONS
) -> list[str]:
    """Create the topics that do not exist; returns those created.

    Auto-created topics would get the broker's default partition count, which can never
    grow on Tansu, and a memory-only broker forgets every topic when it restarts.
    """
    admin = AIOKafkaAdminClient(
        bootstrap_servers=config.bootstrap_servers, request_timeout_ms=config.request_timeout_ms
    )
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in topics if t not in existing]
        if missing:
            # Another service may have created them first.
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(
                    [NewTopic(t, num_partitions=partitions, replication_factor=1) for t in missing]
                )
            log.info("created topics %s", missing)
        return missing
    finally:
        await admin.close()


CLOSE_TIMEOUT_S = 10.0


async def close_quietly(client: AIOKafkaConsumer | AIOKafkaProducer) -> None:
    """Stop a client without hanging: against a broker that vanished, leaving a group or
    flushing can wait forever, and a stopping service must still stop."""
    try:
        await asyncio.wait_for(client.stop(), CLOSE_TIMEOUT_S)
    except (TimeoutError, KafkaError, OSError) as exc:
        log.warning("closing a Kafka client did not finish cleanly: %s", exc)
