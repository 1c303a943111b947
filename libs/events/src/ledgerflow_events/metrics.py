"""Prometheus metrics of the event pipeline, labelled by service.

A service's API and worker may run as two processes reporting together (prometheus_client's
multiprocess mode); each gauge says how their two values combine: the live processes' highest
or their sum."""

from prometheus_client import Counter, Gauge, Histogram

EVENTS_PUBLISHED = Counter(
    "ledgerflow_events_published_total", "Events published to the broker", ["service", "type"]
)
EVENTS_CONSUMED = Counter(
    "ledgerflow_events_consumed_total",
    "Events consumed, by outcome (applied, duplicate, ignored)",
    ["service", "type", "outcome"],
)
EVENTS_FAILED = Counter(
    "ledgerflow_events_failed_total", "Handler attempts that raised", ["service", "type"]
)
EVENTS_DEAD_LETTERED = Counter(
    "ledgerflow_events_dead_lettered_total",
    "Events moved to a dead-letter topic",
    ["service", "type"],
)
DEAD_LETTERS_PENDING = Gauge(
    "ledgerflow_dead_letters_pending",
    "Dead letters not yet re-driven, as counted in the service's database when scraped",
    ["service"],
    multiprocess_mode="livemax",
)
OUTBOX_BACKLOG = Gauge(
    "ledgerflow_outbox_backlog",
    "Outbox rows not yet published",
    ["service"],
    multiprocess_mode="livemax",
)
OUTBOX_OLDEST_AGE = Gauge(
    "ledgerflow_outbox_oldest_age_seconds",
    "Age of the oldest unpublished outbox row",
    ["service"],
    multiprocess_mode="livemax",
)
RELAY_ERRORS = Counter("ledgerflow_relay_errors_total", "Relay cycles that failed", ["service"])
RELAY_LEADER = Gauge(
    "ledgerflow_relay_leader",
    "1 while this process is the active relay",
    ["service"],
    multiprocess_mode="livesum",
)
EVENT_LATENCY = Histogram(
    "ledgerflow_event_latency_seconds",
    "End-to-end latency: consume time minus event time",
    ["service", "type"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
HANDLER_DURATION = Histogram(
    "ledgerflow_event_handler_duration_seconds",
    "Time to apply one event, inbox claim and commit included",
    ["service", "type"],
)
CONSUMER_LAG = Gauge(
    "ledgerflow_consumer_lag",
    "Messages behind the high-water mark",
    ["service", "topic", "partition"],
    multiprocess_mode="livemax",
)
CONSUMER_LAG_SECONDS = Gauge(
    "ledgerflow_consumer_lag_seconds",
    "How far behind in time a consumer is: while messages wait behind its position, now minus "
    "the broker timestamp of the last message it consumed; 0 when caught up",
    ["service", "topic", "partition"],
    multiprocess_mode="livemax",
)
