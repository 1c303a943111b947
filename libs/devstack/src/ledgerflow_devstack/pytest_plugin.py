"""Session fixtures for the real platform. Each starts its processes only when first requested,
so a test session that uses none of them starts nothing."""

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ledgerflow_devstack.broker import Broker
from ledgerflow_devstack.config import SERVICES, StackConfig
from ledgerflow_devstack.port_claims import free_ports
from ledgerflow_devstack.postgres import Postgres
from ledgerflow_devstack.stack import Stack
from ledgerflow_devstack.testing import CrashablePgServer, KafkaBroker, PgServer


def pytest_configure() -> None:
    # Tests run on the published dev keys, by choice: a service left to its defaults refuses.
    for name in SERVICES:
        os.environ.setdefault(f"{name.upper()}_ENV", "dev")


def _scratch_dir(prefix: str) -> Path:
    # short on purpose: Postgres puts its Unix socket in PGDATA, and sun_path is ~100 bytes
    return Path(tempfile.mkdtemp(prefix=prefix))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """An embedded Postgres on a free port; `create_database(prefix)` per test module."""
    root = _scratch_dir("lf-pg-")
    postgres = Postgres(root / "pg", free_ports(1)[0])
    try:
        postgres.init()
        postgres.start()
        yield PgServer(postgres)
    finally:
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def crashable_pg() -> Iterator[CrashablePgServer]:
    """A second embedded Postgres that tests may stop, crash and restart under running code;
    the shared `pg_server` is never disturbed."""
    root = _scratch_dir("lf-pgx-")
    postgres = Postgres(root / "pg", free_ports(1)[0])
    try:
        postgres.init()
        postgres.start()
        yield CrashablePgServer(postgres)
    finally:
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def kafka_broker() -> Iterator[KafkaBroker]:
    """A Tansu broker on a free port with every platform topic created."""
    root = _scratch_dir("lf-kafka-")
    broker = KafkaBroker(Broker(free_ports(1)[0], root / "broker.log"))
    try:
        broker.start()
        yield broker
    finally:
        broker.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def platform() -> Iterator[Stack]:
    """All five services as real processes, on free ports and a scratch home, no demo data."""
    home = _scratch_dir("lf-")
    stack = Stack(StackConfig.isolated(home))
    try:
        stack.up(demo=False, timeout=120.0)
        yield stack
    finally:
        stack.down()
        shutil.rmtree(home, ignore_errors=True)
