"""ledger-svc, declared: what it serves, publishes and consumes."""

from pathlib import Path

from ledger_svc.adapters.tables.messaging import idempotency_keys, messaging, outbox
from ledger_svc.api import (
    adjustments_credit_notes,
    adjustments_late_fees,
    adjustments_refunds,
    adjustments_write_offs,
    balances,
    credit_applications,
    customer_bank_accounts,
    invoice_imports,
    invoices,
    journal,
    overdue_runs,
    payment_batch,
    payments,
    reconciliations,
    statements,
)
from ledger_svc.api.errors import ERRORS
from ledger_svc.handlers import HANDLERS
from ledgerflow_events.topics import CUSTOMER_EVENTS
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
        invoices.router,
        payments.router,
        payment_batch.router,
        credit_applications.router,
        balances.router,
        overdue_runs.router,
        journal.router,
        adjustments_credit_notes.router,
        adjustments_refunds.router,
        adjustments_write_offs.router,
        adjustments_late_fees.router,
        statements.router,
        invoice_imports.router,
        reconciliations.router,
        customer_bank_accounts.router,
    ],
    errors=ERRORS,
    outbox=outbox,
    consumes=[CUSTOMER_EVENTS],
    handlers=HANDLERS,
)
