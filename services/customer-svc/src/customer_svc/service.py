"""customer-svc, declared: what it serves, publishes and consumes."""

from pathlib import Path

from customer_svc.adapters.resources import customer_resources
from customer_svc.adapters.tables import idempotency_keys, messaging, outbox
from customer_svc.api.bank_accounts import routes as bank_accounts
from customer_svc.api.complaints import routes as complaints
from customer_svc.api.contacts import routes as contacts
from customer_svc.api.contracts import routes as contracts
from customer_svc.api.customer_table import routes as customer_table
from customer_svc.api.customers import routes as customers
from customer_svc.api.errors import ERRORS
from customer_svc.api.personal_data import routes as personal_data
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
    routers=[
        contracts.router,
        complaints.router,
        customers.router,
        contacts.router,
        bank_accounts.router,
        personal_data.router,
        customer_table.router,
    ],
    errors=ERRORS,
    outbox=outbox,
    handlers=HANDLERS,
    resources=customer_resources,
)
