from alembic import context

from ledgerflow_platform.migrations import run_online_migrations
from reporting_svc.adapters.tables import metadata

run_online_migrations(context.config, metadata)
