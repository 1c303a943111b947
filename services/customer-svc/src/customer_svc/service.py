"""customer-svc, declared: what it serves, publishes and consumes."""

from pathlib import Path

from customer_svc.adapters.resources import customer_resources
from customer_svc.adapters.tables import idempotency_keys, messaging, outbox
from customer_svc.api.complaints import router as complaints_router
from customer_svc.api.contracts import router as contracts_router
from customer_svc.api.customer_table import router as customer_table_router
from customer_svc.api.errors import ERRORS
from customer_svc.api.routers_profile import PROFILE_ROUTERS
from customer_svc.api.routes import router
from customer_svc.handlers import HANDLERS
from ledgerflow_platform.spec import ServiceSpec

SPEC = ServiceSpec(
    name="customer",
    title="Ledgerflow customer-svc",
    description="Customer records: who we sell to on credit, their currency and payment terms.",
    version="0.1.0",
    messaging=messaging,
    idempotency_keys=idempotency_keys,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    routers=[contracts_router, complaints_router, router, *PROFILE_ROUTERS, customer_table_router],
    errors=ERRORS,
    outbox=outbox,
    handlers=HANDLERS,
    resources=customer_resources,
)
