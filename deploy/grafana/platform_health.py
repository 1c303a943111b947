"""The Platform dashboard: each service's HTTP traffic (RED), its processes and its readiness."""

from grafana_foundation_sdk.builders.dashboard import Dashboard, Row
from panels import (
    JOB,
    SERVICE,
    WINDOW,
    datasource_variable,
    figure,
    graph,
    quantiles,
    query,
    service_variable,
)

REQUESTS = "ledgerflow_http_requests_total"


def _rate(selector: str, by: str) -> str:
    return f"sum by ({by}) (rate({REQUESTS}{{{selector}}}[{WINDOW}]))"


# A service that served no 5xx has no 5xx series: count its errors as 0, not as missing.
_ALL = _rate(SERVICE, "service")
_ERRORS = _rate(SERVICE + ', status=~"5.."', "service")
ERROR_RATIO = f"({_ERRORS} or {_ALL} * 0) / {_ALL}"


def build() -> Dashboard:
    return (
        Dashboard("Ledgerflow / Platform")
        .uid("ledgerflow-platform")
        .description("Per service: HTTP rate, errors and duration by route, processes, readiness")
        .tags(["ledgerflow", "generated"])
        .refresh("30s")
        .time("now-1h", "now")
        .timezone("utc")
        .with_variable(datasource_variable())
        .with_variable(service_variable())
        .with_row(Row("Requests (RED)"))
        .with_panel(
            graph(
                "Request rate by route",
                "Requests per second, by service and route template",
                "reqps",
                query(_rate(SERVICE, "service, route"), "{{service}} {{route}}"),
            )
        )
        .with_panel(
            graph(
                "Error ratio (5xx)",
                "Share of requests answered with a 5xx; the availability objective is 99.5%",
                "percentunit",
                query(ERROR_RATIO, "{{service}}"),
            )
        )
        .with_panel(
            graph(
                "Latency by route",
                "Request duration percentiles by service and route",
                "s",
                *quantiles(
                    "ledgerflow_http_request_duration_seconds",
                    "service, route",
                    "{{service}} {{route}}",
                    0.5,
                    0.95,
                    0.99,
                ),
                width=24,
            )
        )
        .with_row(Row("Processes"))
        .with_panel(
            graph(
                "CPU",
                "CPU seconds per second, per scraped process",
                "percentunit",
                query(
                    f"rate(process_cpu_seconds_total{{{JOB}}}[{WINDOW}])", "{{job}} {{instance}}"
                ),
            )
        )
        .with_panel(
            graph(
                "Resident memory",
                "Resident set size, per scraped process",
                "bytes",
                query(f"process_resident_memory_bytes{{{JOB}}}", "{{job}} {{instance}}"),
            )
        )
        .with_row(Row("Readiness"))
        .with_panel(
            figure(
                "Targets up",
                "1 while Prometheus can scrape the process",
                "none",
                query(f"up{{{JOB}}}", "{{job}} {{instance}}"),
            )
        )
        .with_panel(
            graph(
                "Ready by dependency",
                "1 while the database, its migrations and the broker check out (/health/ready)",
                "none",
                query(
                    f"min by (service, dependency) (ledgerflow_ready{{{SERVICE}}})",
                    "{{service}} {{dependency}}",
                ),
                width=16,
            )
        )
    )
