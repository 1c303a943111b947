"""reporting-svc, declared: what it serves and consumes (it publishes nothing)."""

from pathlib import Path

from ledgerflow_events.topics import (
    COLLECTIONS_EVENTS,
    CREDIT_EVENTS,
    CUSTOMER_EVENTS,
    LEDGER_EVENTS,
)
from ledgerflow_platform.spec import ServiceSpec
from reporting_svc.adapters.tables import idempotency_keys, messaging
from reporting_svc.api.cash_forecast import router as forecast_router
from reporting_svc.api.collection_budgets import router as budgets_router
from reporting_svc.api.credit_reports import router as credit_router
from reporting_svc.api.customer_table import router as customer_table_router
from reporting_svc.api.errors import ERRORS
from reporting_svc.api.kpi_trend import router as kpi_trend_router
from reporting_svc.api.kpis import router as kpi_router
from reporting_svc.api.payment_behaviour import router as behaviour_router
from reporting_svc.api.rebuild import router as rebuild_router
from reporting_svc.api.reconciliations import router as reconciliation_router
from reporting_svc.api.report_packs import router as packs_router
from reporting_svc.api.routes import router
from reporting_svc.background import build_resources, keep_business_gauges_fresh
from reporting_svc.handlers import HANDLERS

SPEC = ServiceSpec(
    name="reporting",
    title="Ledgerflow reporting-svc",
    description="AR reporting: receivables aging at any date, projected from ledger events.",
    version="0.1.0",
    messaging=messaging,
    idempotency_keys=idempotency_keys,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    routers=[
        router,
        kpi_router,
        kpi_trend_router,
        behaviour_router,
        reconciliation_router,
        customer_table_router,
        credit_router,
        forecast_router,
        budgets_router,
        packs_router,
        rebuild_router,
    ],
    errors=ERRORS,
    outbox=None,
    consumes=[CUSTOMER_EVENTS, LEDGER_EVENTS, CREDIT_EVENTS, COLLECTIONS_EVENTS],
    handlers=HANDLERS,
    resources=build_resources,
    background=[keep_business_gauges_fresh],
)
