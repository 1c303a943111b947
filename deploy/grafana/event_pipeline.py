"""The Event pipeline dashboard: events published, consumed and failed, how late they arrive,
what waits in outboxes and behind consumers, dead letters and relay leadership."""

from grafana_foundation_sdk.builders.dashboard import Dashboard, Row
from panels import (
    SERVICE,
    WINDOW,
    datasource_variable,
    figure,
    graph,
    quantiles,
    query,
    service_variable,
)


def _rate(metric: str, by: str) -> str:
    return f"sum by ({by}) (rate({metric}{{{SERVICE}}}[{WINDOW}]))"


def build() -> Dashboard:
    return (
        Dashboard("Ledgerflow / Event pipeline")
        .uid("ledgerflow-event-pipeline")
        .description("Outbox, relay, Kafka and inbox of every service, by event type")
        .tags(["ledgerflow", "generated"])
        .refresh("30s")
        .time("now-1h", "now")
        .timezone("utc")
        .with_variable(datasource_variable())
        .with_variable(service_variable())
        .with_row(Row("Throughput"))
        .with_panel(
            graph(
                "Published by type",
                "Events the relay published to Kafka, per second",
                "ops",
                query(
                    _rate("ledgerflow_events_published_total", "service, type"),
                    "{{service}} {{type}}",
                ),
                width=8,
            )
        )
        .with_panel(
            graph(
                "Consumed by type",
                "Events consumers applied, skipped as duplicates or ignored, per second",
                "ops",
                query(
                    _rate("ledgerflow_events_consumed_total", "service, type, outcome"),
                    "{{service}} {{type}} {{outcome}}",
                ),
                width=8,
            )
        )
        .with_panel(
            graph(
                "Failed by type",
                "Handler attempts that raised, and events moved to a dead-letter topic",
                "ops",
                query(
                    _rate("ledgerflow_events_failed_total", "service, type"),
                    "failed {{service}} {{type}}",
                ),
                query(
                    _rate("ledgerflow_events_dead_lettered_total", "service, type"),
                    "dead-lettered {{service}} {{type}}",
                    ref="B",
                ),
                width=8,
            )
        )
        .with_row(Row("Latency"))
        .with_panel(
            graph(
                "End-to-end latency",
                "Consume time minus event time, by consuming service",
                "s",
                *quantiles("ledgerflow_event_latency_seconds", "service", "{{service}}", 0.5, 0.99),
            )
        )
        .with_panel(
            graph(
                "Handler duration by type",
                "Time to apply one event, inbox claim and commit included",
                "s",
                *quantiles(
                    "ledgerflow_event_handler_duration_seconds",
                    "service, type",
                    "{{service}} {{type}}",
                    0.99,
                ),
            )
        )
        .with_row(Row("Backlog"))
        .with_panel(
            graph(
                "Outbox backlog",
                "Outbox rows not yet published",
                "short",
                query(f"max by (service) (ledgerflow_outbox_backlog{{{SERVICE}}})", "{{service}}"),
                width=8,
            )
        )
        .with_panel(
            graph(
                "Outbox oldest age",
                "Age of the oldest unpublished outbox row",
                "s",
                query(
                    f"max by (service) (ledgerflow_outbox_oldest_age_seconds{{{SERVICE}}})",
                    "{{service}}",
                ),
                width=8,
            )
        )
        .with_panel(
            graph(
                "Consumer lag",
                "How far behind in time each consumer is, by topic (0 when caught up)",
                "s",
                query(
                    f"max by (service, topic) (ledgerflow_consumer_lag_seconds{{{SERVICE}}})",
                    "{{service}} ← {{topic}}",
                ),
                query(
                    f"sum by (service, topic) (ledgerflow_consumer_lag{{{SERVICE}}})",
                    "{{service}} ← {{topic}} (messages)",
                    ref="B",
                ),
                width=8,
            )
        )
        .with_row(Row("Delivery health"))
        .with_panel(
            figure(
                "Dead letters waiting",
                "Dead letters not yet re-driven, per service (GET /v1/admin/dead-letters)",
                "short",
                query(
                    f"max by (service) (ledgerflow_dead_letters_pending{{{SERVICE}}})",
                    "{{service}}",
                ),
            )
        )
        .with_panel(
            figure(
                "Relay leaders",
                "Active outbox relays per producing service: exactly 1 is healthy",
                "short",
                query(f"sum by (service) (ledgerflow_relay_leader{{{SERVICE}}})", "{{service}}"),
            )
        )
    )
