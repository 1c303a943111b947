"""A service's command line: `serve` runs its halves with shared metrics and stops cleanly;
one that cannot start for want of a setting says which, in one line."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.testing import KeyPair

SERVICE = """
from pathlib import Path
from fastapi import APIRouter
from pydantic_settings import SettingsConfigDict
from sqlalchemy import MetaData
from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_platform.cli import service_main
from ledgerflow_platform.idempotency import define_idempotency_table
from ledgerflow_platform.settings import ServiceSettings
from ledgerflow_platform.testing import KeyPair
from ledgerflow_platform.spec import ServiceSpec

class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PROBE_", extra="ignore")

metadata = MetaData()
SPEC = ServiceSpec(
    name="probe", title="probe", description="probe", version="0",
    messaging=define_messaging_tables(metadata),
    idempotency_keys=define_idempotency_table(metadata),
    migrations_dir=Path("."), routers=[APIRouter()], errors={},
)
service_main(SPEC, Settings)
"""


STARTUP_S = 240


def start(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PROBE_")}
    return subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SERVICE, command],
        env={**clean, **env},
        capture_output=True,
        text=True,
        # Importing the platform beside make test's other lanes can take a minute on two cores.
        timeout=STARTUP_S,
        check=False,
    )


def test_missing_settings_are_named_by_their_environment_variables_in_one_line() -> None:
    started = start("serve")
    assert started.returncode == 1
    assert started.stderr == ("probe-svc: PROBE_DATABASE_URL is required; PROBE_PORT is required\n")


def test_an_invalid_setting_is_named_with_what_is_wrong_with_it() -> None:
    started = start("worker", PROBE_DATABASE_URL="postgresql+asyncpg://x@h/x", PROBE_PORT="eighty")
    assert started.returncode == 1
    assert started.stderr == (
        "probe-svc: PROBE_PORT is not valid: Input should be a valid integer, unable to parse "
        "string as an integer\n"
    )


def test_no_way_to_verify_tokens_names_the_settings_that_would_give_one() -> None:
    started = start("api", PROBE_DATABASE_URL="postgresql+asyncpg://x@h/x", PROBE_PORT="8080")
    assert started.returncode == 1
    assert started.stderr == (
        "probe-svc: set PROBE_AUTH_PUBLIC_KEY_FILE, PROBE_AUTH_PUBLIC_KEY or PROBE_AUTH_JWKS_URL "
        "to verify bearer tokens\n"
    )


def test_the_default_environment_is_production() -> None:
    settings = ServiceSettings(database_url="postgresql+asyncpg://x@h/x", port=1, auth_jwks_url="x")
    assert settings.env == "production"


@pytest.mark.parametrize("variable", ["CUSTOMER_ENV", "LEDGER_ENV", "REPORTING_ENV"])
def test_the_test_suite_chose_dev_explicitly(variable: str) -> None:
    assert os.environ[variable] == "dev"


def test_serve_shares_a_metrics_directory_it_makes_itself_and_removes_on_stop(
    tmp_path: Path,
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROBE_")}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env |= {
        "TMPDIR": str(tmp_path),
        "PROBE_DATABASE_URL": "postgresql+asyncpg://probe@127.0.0.1:1/probe",
        "PROBE_PORT": str(port),
        "PROBE_AUTH_PUBLIC_KEY": KeyPair.generate().public_pem,
    }
    serving = subprocess.Popen([sys.executable, "-c", SERVICE, "serve"], env=env)  # noqa: S603
    try:
        deadline = time.monotonic() + STARTUP_S
        while not _answers(f"http://127.0.0.1:{port}/health/live"):
            assert time.monotonic() < deadline
            assert serving.poll() is None
            time.sleep(0.1)
        assert [p.name.startswith("ledgerflow-metrics-") for p in tmp_path.iterdir()] == [True]
    finally:
        serving.send_signal(signal.SIGTERM)
        assert serving.wait(30) == 0
    assert list(tmp_path.iterdir()) == []


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False
