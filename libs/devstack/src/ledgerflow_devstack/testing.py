"""Test doubles that are not doubles: a real Postgres and a real broker, sized for a test run."""

import re
import uuid
from collections.abc import Iterable

from ledgerflow_devstack.broker import Broker
from ledgerflow_devstack.config import HOST
from ledgerflow_devstack.postgres import Postgres
from ledgerflow_devstack.state import ProcessRecord
from ledgerflow_events.topics import DEFAULT_PARTITIONS


class PgServer:
    """One embedded Postgres for the whole test session; each test module gets its own db."""

    def __init__(self, postgres: Postgres) -> None:
        self.postgres = postgres

    @property
    def port(self) -> int:
        return self.postgres.port

    @property
    def admin_dsn(self) -> str:
        """A superuser DSN for asyncpg or psql (not SQLAlchemy: no driver in the scheme)."""
        return self.postgres.admin_dsn

    def create_database(self, prefix: str) -> str:
        """A brand-new empty database owned by a new role of the same name; its SQLAlchemy URL.

        Blocking; safe to call from async fixtures too (it runs on a private loop).
        """
        stem = re.sub(r"[^a-z0-9_]", "_", prefix.lower())[:40] or "db"
        name = f"{stem}_{uuid.uuid4().hex[:12]}"
        if name[0].isdigit():
            name = f"db_{name}"
        self.postgres.create_service_database(name)
        return f"postgresql+asyncpg://{name}@{HOST}:{self.port}/{name}"


class CrashablePgServer(PgServer):
    """A Postgres of its own for tests that take the database away from running code."""

    def crash_restart(self) -> None:
        """`pg_ctl restart -m immediate`: every connection cut, crash recovery, back up."""
        self.postgres.crash_restart()

    def stop(self) -> None:
        """Down hard (no checkpoint), until `start`."""
        self.postgres.stop("immediate")

    def start(self) -> None:
        self.postgres.start()

    def ensure_running(self) -> None:
        """Up again whatever a failed test left behind."""
        if self.postgres.running_postmaster() is None:
            self.postgres.start()


class KafkaBroker:
    """A Tansu broker that tests may stop, start or empty. All methods block (see run_sync)."""

    def __init__(self, broker: Broker) -> None:
        self._broker = broker
        self._record: ProcessRecord | None = None

    @property
    def bootstrap_servers(self) -> str:
        return self._broker.bootstrap_servers

    @property
    def port(self) -> int:
        return self._broker.port

    def start(self) -> None:
        """Start an empty broker with every platform topic; a no-op if it is running."""
        if self._record is None or not self._record.is_alive():
            self._record = self._broker.start()

    def stop(self) -> None:
        if self._record is not None:
            self._record.terminate(10.0)
            self._record = None
        self._broker.release()

    def restart(self) -> None:
        """Lose every topic, message and committed offset, as a real Tansu restart does."""
        self.stop()
        self.start()

    def create_topics(
        self, names: Iterable[str], partitions: int = DEFAULT_PARTITIONS
    ) -> list[str]:
        """Create the missing topics among `names`; returns those it created."""
        return self._broker.create_topics(names, partitions)

    def topics(self) -> dict[str, int]:
        """Every topic with its partition count."""
        return self._broker.topics()
