from pathlib import Path

import pytest

from ledgerflow_devstack.config import DEFAULT_SERVICE_PORTS, SERVICES, StackConfig
from ledgerflow_devstack.services import service_env


def test_defaults_keep_state_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = StackConfig.from_env({})
    assert config.home == tmp_path / ".ledgerflow"
    assert (config.pg_port, config.kafka_port) == (5544, 9092)
    assert dict(config.service_ports) == DEFAULT_SERVICE_PORTS


def test_every_port_and_the_home_come_from_the_environment(tmp_path: Path) -> None:
    config = StackConfig.from_env(
        {
            "LEDGERFLOW_HOME": str(tmp_path / "lf"),
            "LEDGERFLOW_PG_PORT": "6000",
            "LEDGERFLOW_KAFKA_PORT": "6001",
            "LEDGERFLOW_LEDGER_PORT": "6002",
        }
    )
    assert config.home == tmp_path / "lf"
    assert (config.pg_port, config.kafka_port) == (6000, 6001)
    assert config.url("ledger") == "http://127.0.0.1:6002"
    assert config.url("customer") == "http://127.0.0.1:8001"


def test_a_port_that_is_not_a_number_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="LEDGERFLOW_PG_PORT"):
        StackConfig.from_env({"LEDGERFLOW_PG_PORT": "fifty"})


def test_isolated_configs_use_distinct_ports(tmp_path: Path) -> None:
    config = StackConfig.isolated(tmp_path)
    ports = {config.pg_port, config.kafka_port, config.smtp_port, *config.service_ports.values()}
    assert len(ports) == 3 + len(SERVICES)


def test_a_service_is_configured_only_through_its_prefixed_env(tmp_path: Path) -> None:
    config = StackConfig.isolated(tmp_path)
    env = service_env(config, "ledger")
    port = config.pg_port
    assert env["LEDGER_DATABASE_URL"] == f"postgresql+asyncpg://ledger@127.0.0.1:{port}/ledger"
    assert env["LEDGER_KAFKA_BOOTSTRAP_SERVERS"] == config.kafka_bootstrap
    assert env["LEDGER_HOST"] == "127.0.0.1"
    assert env["LEDGER_PORT"] == str(config.service_ports["ledger"])
    assert env["LEDGER_AUTH_PUBLIC_KEY_FILE"] == str(tmp_path / "auth" / "public-key.pem")
    assert env["LEDGER_LOG_JSON"] == "true"
