import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from ledgerflow_devstack.broker import Broker
from ledgerflow_devstack.errors import StackError
from ledgerflow_devstack.testing import KafkaBroker
from ledgerflow_events.topics import CUSTOMER_EVENTS, DEFAULT_PARTITIONS, all_topics


async def _produce(bootstrap: str, topic: str, value: bytes) -> TopicPartition:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        sent = await producer.send_and_wait(topic, value, key=b"customer-1")
    finally:
        await producer.stop()
    return TopicPartition(topic, sent.partition)


async def _read_all(bootstrap: str, partition: TopicPartition) -> list[bytes]:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, auto_offset_reset="earliest", fetch_max_wait_ms=50
    )
    await consumer.start()
    try:
        consumer.assign([partition])
        await consumer.seek_to_beginning(partition)
        batches = await consumer.getmany(partition, timeout_ms=1500)
        return [record.value for record in batches.get(partition, [])]
    finally:
        await consumer.stop()


def test_every_platform_topic_exists_with_the_default_partitions(
    kafka_broker: KafkaBroker,
) -> None:
    topics = kafka_broker.topics()
    assert {name: topics.get(name) for name in all_topics()} == dict.fromkeys(
        all_topics(), DEFAULT_PARTITIONS
    )


async def test_a_produced_message_is_consumed(kafka_broker: KafkaBroker) -> None:
    partition = await _produce(kafka_broker.bootstrap_servers, CUSTOMER_EVENTS, b"registered")
    assert b"registered" in await _read_all(kafka_broker.bootstrap_servers, partition)


def test_topics_are_created_with_the_requested_partitions(kafka_broker: KafkaBroker) -> None:
    assert kafka_broker.create_topics(["devstack.scratch"], partitions=2) == ["devstack.scratch"]
    assert kafka_broker.create_topics(["devstack.scratch"], partitions=2) == []
    assert kafka_broker.topics()["devstack.scratch"] == 2


def test_a_second_broker_on_a_busy_port_is_refused(kafka_broker: KafkaBroker, tmp_path) -> None:
    with pytest.raises(StackError, match="already in use"):
        Broker(kafka_broker.port, tmp_path / "second.log").start()


async def test_a_restart_loses_everything_but_the_platform_topics(
    kafka_broker: KafkaBroker,
) -> None:
    partition = await _produce(kafka_broker.bootstrap_servers, CUSTOMER_EVENTS, b"lost")
    kafka_broker.create_topics(["devstack.doomed"])

    kafka_broker.restart()

    topics = kafka_broker.topics()
    assert "devstack.doomed" not in topics
    assert all(topics.get(name) == DEFAULT_PARTITIONS for name in all_topics())
    assert await _read_all(kafka_broker.bootstrap_servers, partition) == []
