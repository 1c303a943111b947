"""Alembic, driven the same way by every service."""

import asyncio
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_platform.idempotency import define_idempotency_table


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_head(migrations_dir: Path, database_url: str) -> None:
    # "heads": features may add migrations on parallel branches; all of them apply.
    command.upgrade(alembic_config(migrations_dir, database_url), "heads")


def run_online_migrations(config: Config, target_metadata: MetaData | None = None) -> None:
    """The body of every service's migrations/env.py."""

    def migrate(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(config.get_main_option("sqlalchemy.url") or "")
        async with engine.connect() as conn:
            await conn.run_sync(migrate)
            await conn.commit()
        await engine.dispose()

    asyncio.run(run())


def create_platform_tables(connection: Connection) -> None:
    """Outbox, inbox, event streams, dead letters, idempotency keys: for a first migration."""
    metadata = MetaData()
    define_messaging_tables(metadata)
    define_idempotency_table(metadata)
    metadata.create_all(connection)


async def migrations_current(conn: AsyncConnection, migrations_dir: Path) -> bool:
    heads = set(ScriptDirectory.from_config(alembic_config(migrations_dir, "")).get_heads())

    def current(sync_conn: Connection) -> set[str]:
        return set(MigrationContext.configure(sync_conn).get_current_heads())

    await conn.execute(text("SELECT 1"))
    return await conn.run_sync(current) == heads
