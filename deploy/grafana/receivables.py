"""The Receivables dashboard, for finance operations: what customers owe by aging bucket and
currency, how fast it is collected (DSO, CEI), who is on credit hold, what dunning sends, which
promises to pay are kept or broken, and whether reporting still agrees with the ledger."""

from grafana_foundation_sdk.builders.dashboard import Dashboard, Row
from panels import (
    CURRENCY,
    WINDOW,
    currency_variable,
    datasource_variable,
    figure,
    graph,
    query,
)


def build() -> Dashboard:
    return (
        Dashboard("Ledgerflow / Receivables")
        .uid("ledgerflow-receivables")
        .description("Open and overdue receivables, DSO and CEI, holds, dunning, reconciliation")
        .tags(["ledgerflow", "generated"])
        .refresh("1m")
        .time("now-7d", "now")
        .timezone("utc")
        .with_variable(datasource_variable())
        .with_variable(currency_variable())
        .with_row(Row("What customers owe"))
        .with_panel(
            graph(
                "Open receivables by bucket",
                "Receivables at today's date by days past due (reporting-svc), major units",
                "short",
                query(
                    f"sum by (currency, bucket) (ledgerflow_receivables{{{CURRENCY}}})",
                    "{{currency}} {{bucket}}",
                ),
            )
        )
        .with_panel(
            graph(
                "Overdue receivables",
                "Receivables past their due date, every bucket but current, major units",
                "short",
                query(
                    f'sum by (currency) (ledgerflow_receivables{{{CURRENCY}, bucket!="current"}})',
                    "{{currency}} overdue",
                ),
                query(
                    f"sum by (currency) (ledgerflow_receivables{{{CURRENCY}}})",
                    "{{currency}} open",
                    ref="B",
                ),
            )
        )
        .with_row(Row("How fast it is collected"))
        .with_panel(
            graph(
                "DSO",
                "Standard DSO over the last 3 months counted back from today (no value: no sales)",
                "d",
                query(f"max by (currency) (ledgerflow_dso_days{{{CURRENCY}}})", "{{currency}}"),
            )
        )
        .with_panel(
            graph(
                "CEI",
                "Collection effectiveness index over the last month (100% collects everything)",
                "percent",
                query(f"max by (currency) (ledgerflow_cei_percent{{{CURRENCY}}})", "{{currency}}"),
            )
        )
        .with_row(Row("Credit and dunning"))
        .with_panel(
            figure(
                "Customers on hold",
                "Customers with a credit hold not yet released (credit-svc)",
                "short",
                query("max(ledgerflow_customers_on_hold)", "on hold"),
            )
        )
        .with_panel(
            graph(
                "Notices by channel and status",
                "Dunning notices finished per window: sent, failed, suppressed, made letters",
                "short",
                query(
                    f"sum by (channel, status) (increase(ledgerflow_notices_total[{WINDOW}]))",
                    "{{channel}} {{status}}",
                ),
                width=8,
            )
        )
        .with_panel(
            graph(
                "Promises to pay by outcome",
                "Promises made, kept and broken per window (collections-svc)",
                "short",
                query(
                    f"sum by (outcome) (increase(ledgerflow_promises_total[{WINDOW}]))",
                    "{{outcome}}",
                ),
                width=8,
            )
        )
        .with_panel(
            figure(
                "Reconciliation difference",
                "Reporting's open receivables less the ledger's, per currency: anything but 0 "
                "that lasts is a lost or misapplied event",
                "short",
                query(
                    f"max by (currency) (ledgerflow_reconciliation_difference{{{CURRENCY}}})",
                    "{{currency}}",
                ),
            )
        )
    )
