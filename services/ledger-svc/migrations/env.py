from alembic import context

from ledger_svc.adapters.tables import metadata
from ledgerflow_platform.migrations import run_online_migrations

run_online_migrations(context.config, metadata)
