"""ledger-svc, declared: what it serves, publishes and consumes, and what it builds once."""

from pathlib import Path

from ledger_svc.adapters.gauges import measure_open_receivables
from ledger_svc.adapters.tables.messaging import idempotency_keys, messaging, outbox
from ledger_svc.api.adjustments import routes as adjustments
from ledger_svc.api.bank_reconciliation import routes as bank_reconciliation
from ledger_svc.api.bank_reconciliation.schemas import BankStatementUpload
from ledger_svc.api.books import routes as books
from ledger_svc.api.controls import routes as approvals
from ledger_svc.api.errors import ERRORS
from ledger_svc.api.invoicing import routes as invoicing
from ledger_svc.api.opening_balances import routes as opening_balances
from ledger_svc.api.opening_balances.schemas import OpeningBalancesUpload
from ledger_svc.api.payments import routes as payments
from ledger_svc.api.periods import routes as periods
from ledger_svc.api.statements import routes as statements
from ledger_svc.handlers import HANDLERS
from ledger_svc.resources import ledger_resources
from ledgerflow_events.topics import COLLECTIONS_EVENTS, CUSTOMER_EVENTS
from ledgerflow_platform.spec import ServiceSpec

SPEC = ServiceSpec(
    name="ledger",
    title="Ledgerflow ledger-svc",
    description=(
        "The receivables ledger: a double-entry journal, invoices with tax, discounts and "
        "payment terms, payments applied oldest-due first, customer balances and overdue "
        "detection."
    ),
    version="0.1.0",
    messaging=messaging,
    idempotency_keys=idempotency_keys,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    routers=[
        invoicing.router,
        payments.router,
        books.router,
        adjustments.router,
        statements.router,
        bank_reconciliation.router,
        periods.router,
        approvals.router,
        opening_balances.router,
    ],
    errors=ERRORS,
    outbox=outbox,
    consumes=[CUSTOMER_EVENTS, COLLECTIONS_EVENTS],
    handlers=HANDLERS,
    resources=ledger_resources,
    upload_forms=[BankStatementUpload, OpeningBalancesUpload],
    scraped_gauges=[measure_open_receivables],
)
