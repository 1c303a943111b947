"""credit-svc, declared: what it serves and consumes."""

from pathlib import Path

from credit_svc.adapters.gauges import count_customers_on_hold
from credit_svc.adapters.resources import credit_resources
from credit_svc.adapters.tables import idempotency_keys, messaging, outbox
from credit_svc.api import (
    assessments,
    holds,
    inputs,
    limits,
    orders,
    policies,
    profile,
    report,
    reservations,
    reviews,
    routes,
)
from credit_svc.api.errors import ERRORS
from credit_svc.handlers import HANDLERS
from ledgerflow_events.topics import COLLECTIONS_EVENTS, CUSTOMER_EVENTS, LEDGER_EVENTS
from ledgerflow_platform.spec import ServiceSpec

SPEC = ServiceSpec(
    name="credit",
    title="Ledgerflow credit-svc",
    description="Credit control: exposure kept from events, limits with four eyes, holds.",
    version="0.1.0",
    messaging=messaging,
    idempotency_keys=idempotency_keys,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    # The order path first: requests are matched against the routes in this order, and the
    # credit check is called on every order, far more than anything else here.
    routers=[
        orders.router,
        routes.router,
        profile.router,
        limits.router,
        holds.router,
        reservations.router,
        inputs.router,
        policies.router,
        assessments.router,
        reviews.router,
        report.router,
    ],
    errors=ERRORS,
    outbox=outbox,
    consumes=[CUSTOMER_EVENTS, LEDGER_EVENTS, COLLECTIONS_EVENTS],
    handlers=HANDLERS,
    resources=credit_resources,
    scraped_gauges=[count_customers_on_hold],
)
