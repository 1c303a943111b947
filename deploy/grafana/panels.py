"""The few panel shapes every Ledgerflow dashboard is made of, on the Prometheus datasource the
dashboard's `datasource` variable picks, filtered by its `service` variable."""

from grafana_foundation_sdk.builders import stat, timeseries
from grafana_foundation_sdk.builders.dashboard import DatasourceVariable, QueryVariable
from grafana_foundation_sdk.builders.prometheus import Dataquery
from grafana_foundation_sdk.models.dashboard import DataSourceRef, VariableRefresh

DATASOURCE = DataSourceRef(type_val="prometheus", uid="${datasource}")
# Every panel's window: Grafana widens it to at least four scrape intervals.
WINDOW = "$__rate_interval"
SERVICE = 'service=~"$service"'
# Process metrics carry the scrape job, which is named after the service.
JOB = 'job=~"$service"'
CURRENCY = 'currency=~"$currency"'


def datasource_variable() -> DatasourceVariable:
    return DatasourceVariable("datasource").label("Data source").type("prometheus")


def service_variable() -> QueryVariable:
    return (
        QueryVariable("service")
        .label("Service")
        .datasource(DATASOURCE)
        .query("label_values(ledgerflow_http_requests_total, service)")
        .refresh(VariableRefresh.ON_TIME_RANGE_CHANGED)
        .multi(True)
        .include_all(True)
        .all_value(".*")
    )


def currency_variable() -> QueryVariable:
    return (
        QueryVariable("currency")
        .label("Currency")
        .datasource(DATASOURCE)
        .query("label_values(ledgerflow_receivables, currency)")
        .refresh(VariableRefresh.ON_TIME_RANGE_CHANGED)
        .multi(True)
        .include_all(True)
        .all_value(".*")
    )


def query(expr: str, legend: str, ref: str = "A") -> Dataquery:
    return Dataquery().expr(expr).legend_format(legend).ref_id(ref).datasource(DATASOURCE)


def graph(
    title: str, description: str, unit: str, *queries: Dataquery, width: int = 12
) -> timeseries.Panel:
    panel = (
        timeseries.Panel()
        .title(title)
        .description(description)
        .datasource(DATASOURCE)
        .unit(unit)
        .min(0)
        .height(8)
        .span(width)
    )
    for target in queries:
        panel = panel.with_target(target)
    return panel


def figure(title: str, description: str, unit: str, target: Dataquery) -> stat.Panel:
    return (
        stat.Panel()
        .title(title)
        .description(description)
        .datasource(DATASOURCE)
        .unit(unit)
        .height(6)
        .span(8)
        .with_target(target)
    )


def quantiles(metric: str, by: str, legend: str, *levels: float) -> list[Dataquery]:
    """One query per quantile of a histogram, grouped by `by`."""
    return [
        query(
            f"histogram_quantile({level}, sum by ({by}, le) "
            f"(rate({metric}_bucket{{{SERVICE}}}[{WINDOW}])))",
            f"p{round(level * 100)} {legend}",
            ref=chr(ord("A") + n),
        )
        for n, level in enumerate(levels)
    ]
