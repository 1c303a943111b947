"""credit-svc, declared: what it serves and consumes."""

from pathlib import Path

from credit_svc.adapters.tables import idempotency_keys, messaging, outbox
from credit_svc.api.errors import ERRORS
from credit_svc.api.routes import router
from credit_svc.handlers import HANDLERS
from ledgerflow_events.topics import CUSTOMER_EVENTS, LEDGER_EVENTS
from ledgerflow_platform.spec import ServiceSpec

SPEC = ServiceSpec(
    name="credit",
    title="Ledgerflow credit-svc",
    description="Credit control: each customer's exposure, open and overdue, kept from events.",
    version="0.1.0",
    messaging=messaging,
    idempotency_keys=idempotency_keys,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    routers=[router],
    errors=ERRORS,
    outbox=outbox,
    consumes=[CUSTOMER_EVENTS, LEDGER_EVENTS],
    handlers=HANDLERS,
)
