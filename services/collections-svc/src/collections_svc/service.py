"""collections-svc, declared: what it serves and consumes."""

from pathlib import Path

from collections_svc.adapters.tables import idempotency_keys, messaging, outbox
from collections_svc.api.errors import ERRORS
from collections_svc.api.routes import router
from collections_svc.handlers import HANDLERS
from ledgerflow_events.topics import LEDGER_EVENTS
from ledgerflow_platform.spec import ServiceSpec

SPEC = ServiceSpec(
    name="collections",
    title="Ledgerflow collections-svc",
    description="Collections: a case per customer in arrears, opened and closed by ledger facts.",
    version="0.1.0",
    messaging=messaging,
    idempotency_keys=idempotency_keys,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    routers=[router],
    errors=ERRORS,
    outbox=outbox,
    consumes=[LEDGER_EVENTS],
    handlers=HANDLERS,
)
