import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from ledgerflow_devstack.port_claims import free_ports
from ledgerflow_devstack.postgres import MAX_CONNECTIONS, Postgres
from ledgerflow_devstack.testing import PgServer


def _plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


@pytest.fixture
def own_postgres() -> Iterator[Postgres]:
    root = Path(tempfile.mkdtemp(prefix="lf-pgt-"))
    postgres = Postgres(root / "pg", free_ports(1)[0])
    try:
        yield postgres
    finally:
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


async def test_a_service_role_reaches_its_own_database_only(pg_server: PgServer) -> None:
    ledger_url = pg_server.create_database("ledger")
    customer_url = pg_server.create_database("customer")
    ledger_role = ledger_url.rsplit("/", 1)[1]
    customer_db = customer_url.rsplit("/", 1)[1]

    own = await asyncpg.connect(_plain(ledger_url))
    try:
        await own.execute("CREATE TABLE invoices (id int PRIMARY KEY)")
        assert await own.fetchval("SELECT current_user") == ledger_role
    finally:
        await own.close()
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await asyncpg.connect(pg_server.postgres.dsn(customer_db, ledger_role))


async def test_each_database_is_new_and_empty(pg_server: PgServer) -> None:
    first, second = pg_server.create_database("ledger"), pg_server.create_database("ledger")
    assert first != second
    conn = await asyncpg.connect(_plain(second))
    try:
        tables = await conn.fetchval(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
    finally:
        await conn.close()
    assert tables == 0


async def test_the_server_accepts_the_connections_five_services_need(pg_server: PgServer) -> None:
    conn = await asyncpg.connect(pg_server.admin_dsn)
    try:
        assert int(await conn.fetchval("SHOW max_connections")) == MAX_CONNECTIONS
    finally:
        await conn.close()


async def test_data_survives_a_stop_and_start(own_postgres: Postgres) -> None:
    own_postgres.init()
    own_postgres.start()
    own_postgres.create_service_database("ledger")
    conn = await asyncpg.connect(own_postgres.dsn("ledger", "ledger"))
    await conn.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')")
    await conn.close()

    own_postgres.stop()
    assert own_postgres.running_postmaster() is None
    own_postgres.init()  # a second init must leave the existing cluster alone
    own_postgres.start()

    conn = await asyncpg.connect(own_postgres.dsn("ledger", "ledger"))
    try:
        assert await conn.fetchval("SELECT v FROM kept") == "still here"
    finally:
        await conn.close()


def test_creating_a_service_database_twice_is_harmless(own_postgres: Postgres) -> None:
    own_postgres.init()
    own_postgres.start()
    own_postgres.create_service_database("credit")
    own_postgres.create_service_database("credit")
    assert own_postgres.is_healthy()
