from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import TEXT, Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import AutoString

from ledger_svc.adapters.tables import metadata


def _compare_type(_ctx: Any, _col: Any, _meta_col: Any, db_type: Any, meta_type: Any) -> Any:
    # SQLModel maps `str` to an unbounded VARCHAR; in Postgres that is the same as TEXT.
    if isinstance(db_type, TEXT) and isinstance(meta_type, AutoString) and not meta_type.length:
        return False
    return None


async def test_the_migrations_build_exactly_the_tables_the_code_maps(database_url: str) -> None:
    def differences(conn: Connection) -> list[Any]:
        context = MigrationContext.configure(conn, opts={"compare_type": _compare_type})
        return list(compare_metadata(context, metadata))

    engine = create_async_engine(database_url)
    async with engine.connect() as conn:
        found = await conn.run_sync(differences)
    await engine.dispose()
    assert found == []
