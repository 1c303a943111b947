"""ledger-svc, declared: what it serves, publishes and consumes."""

from pathlib import Path

from ledger_svc.adapters.tables import idempotency_keys, messaging, outbox
from ledger_svc.api import balances, invoices, overdue_runs, payments
from ledger_svc.api.errors import ERRORS
from ledger_svc.handlers import HANDLERS
from ledgerflow_events.topics import CUSTOMER_EVENTS
from ledgerflow_platform.spec import ServiceSpec

SPEC = ServiceSpec(
    name="ledger",
    title="Ledgerflow ledger-svc",
    description=(
        "The receivables ledger: invoices, payments applied oldest-due first, "
        "customer balances and overdue detection."
    ),
    version="0.1.0",
    messaging=messaging,
    idempotency_keys=idempotency_keys,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    routers=[invoices.router, payments.router, balances.router, overdue_runs.router],
    errors=ERRORS,
    outbox=outbox,
    consumes=[CUSTOMER_EVENTS],
    handlers=HANDLERS,
)
