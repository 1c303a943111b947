"""Consumer lag in seconds: how stale a consumer's applied state is while it trails the broker."""

from aiokafka import TopicPartition

from ledgerflow_events import metrics
from ledgerflow_events.lag import report_lag

TP = TopicPartition("ledger.events", 2)


def gauges() -> tuple[float, float]:
    labels = ("lag-probe", "ledger.events", "2")
    return (
        metrics.CONSUMER_LAG.labels(*labels)._value.get(),
        metrics.CONSUMER_LAG_SECONDS.labels(*labels)._value.get(),
    )


def test_behind_the_high_water_mark_the_lag_is_the_age_of_the_last_consumed_message() -> None:
    report_lag(
        "lag-probe",
        TP,
        highwater=110,
        next_offset=100,
        last_timestamp_ms=1_700_000_000_250,
        now=1_700_000_042.5,
    )
    assert gauges() == (10.0, 42.25)


def test_caught_up_the_lag_is_zero_however_old_the_last_message() -> None:
    report_lag(
        "lag-probe", TP, highwater=100, next_offset=100, last_timestamp_ms=1, now=1_700_000_000.0
    )
    assert gauges() == (0.0, 0.0)


def test_without_a_high_water_mark_nothing_is_reported() -> None:
    report_lag("lag-probe", TP, highwater=110, next_offset=100, last_timestamp_ms=0, now=5.0)
    report_lag("lag-probe", TP, highwater=None, next_offset=100, last_timestamp_ms=0, now=99.0)
    assert gauges() == (10.0, 5.0)
