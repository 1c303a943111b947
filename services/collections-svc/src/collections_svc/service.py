"""collections-svc, declared: what it serves and consumes."""

from pathlib import Path

from collections_svc.adapters.tables import idempotency_keys, messaging, outbox
from collections_svc.api.cases.legal_routes import router as legal
from collections_svc.api.cases.routes import router as cases
from collections_svc.api.cases.work_routes import router as case_work
from collections_svc.api.disputes.routes import router as disputes
from collections_svc.api.errors import ERRORS
from collections_svc.api.notices.letters import router as letters
from collections_svc.api.notices.routes import router as notices
from collections_svc.api.pauses.routes import router as pauses
from collections_svc.api.plans.routes import router as plans
from collections_svc.api.policies.routes import router as policies
from collections_svc.api.promises.routes import router as promises
from collections_svc.api.reports.routes import router as reports
from collections_svc.api.runs.routes import router as runs
from collections_svc.api.statements.routes import router as statement_runs
from collections_svc.handlers import HANDLERS
from collections_svc.notice_sender import send_notices
from collections_svc.resources import collections_resources
from collections_svc.scheduled_runs import scheduled_runs
from ledgerflow_events.topics import CREDIT_EVENTS, LEDGER_EVENTS
from ledgerflow_platform.spec import ServiceSpec

SPEC = ServiceSpec(
    name="collections",
    title="Ledgerflow collections-svc",
    description="Collections: cases per customer in arrears, dunning policies, dated dunning "
    "runs and their notices, pauses.",
    version="0.2.0",
    messaging=messaging,
    idempotency_keys=idempotency_keys,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    routers=[
        case_work,
        cases,
        legal,
        policies,
        runs,
        letters,
        notices,
        pauses,
        disputes,
        promises,
        plans,
        reports,
        statement_runs,
    ],
    errors=ERRORS,
    outbox=outbox,
    consumes=[LEDGER_EVENTS, CREDIT_EVENTS],
    handlers=HANDLERS,
    resources=collections_resources,
    background=[send_notices, scheduled_runs],
)
