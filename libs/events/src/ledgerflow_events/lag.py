"""Consumer lag per partition, in messages and in seconds, reported after each batch.

Lag in seconds answers "how stale is what this consumer has applied?": while messages wait
behind its position, it is now minus the broker timestamp of the last message it consumed.
The oldest waiting message was published after that one, so the figure is an upper bound on
how long it has waited, and it grows while the consumer falls further behind. Caught up, it is
0. Only the consumer knows its last message's time, so it reports this itself rather than
leaving it to an exporter that reads committed offsets."""

import time

from aiokafka import TopicPartition

from ledgerflow_events import metrics


def report_lag(
    service: str,
    tp: TopicPartition,
    *,
    highwater: int | None,
    next_offset: int,
    last_timestamp_ms: int | None,
    now: float | None = None,
) -> None:
    if highwater is None:
        return
    behind = max(highwater - next_offset, 0)
    partition = str(tp.partition)
    metrics.CONSUMER_LAG.labels(service, tp.topic, partition).set(behind)
    seconds = 0.0
    if behind and last_timestamp_ms is not None:
        seconds = max((now if now is not None else time.time()) - last_timestamp_ms / 1000, 0.0)
    metrics.CONSUMER_LAG_SECONDS.labels(service, tp.topic, partition).set(seconds)
