"""docker-compose.yml follows the Compose Specification, and the Dockerfile passes hadolint.
Docker cannot run here: both are checked statically."""

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .tools import DEPLOY, ROOT, run, tool

SERVICES = ("customer", "ledger", "credit", "collections", "reporting")


def compose_errors(document: dict[str, Any]) -> list[str]:
    schema = json.loads((DEPLOY / "compose" / "compose-spec.schema.json").read_text())
    validator = jsonschema.Draft201909Validator(schema)
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]


def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return document


def test_the_compose_file_follows_the_compose_specification() -> None:
    assert compose_errors(compose()) == []


def test_compose_runs_each_service_as_migrate_api_and_worker_beside_the_platform() -> None:
    services = compose()["services"]
    for name in SERVICES:
        assert services[f"{name}-migrate"]["command"] == ["migrate"]
        for half in ("api", "worker"):
            assert services[f"{name}-{half}"]["command"] == [half]
            after = services[f"{name}-{half}"]["depends_on"][f"{name}-migrate"]
            assert after == {"condition": "service_completed_successfully"}
    assert {"postgres", "kafka", "prometheus", "grafana", "mailpit"} <= set(services)
    assert services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"


def test_each_service_container_sees_only_its_own_settings() -> None:
    services = compose()["services"]
    for name in SERVICES:
        for half in ("migrate", "api", "worker"):
            service = services[f"{name}-{half}"]
            assert "env_file" not in service
            foreign = [
                k for k in service["environment"] if not k.startswith((name.upper(), "OTEL_"))
            ]
            assert foreign == [], f"{name}-{half} sees {foreign}"


def test_no_secret_value_is_committed() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    for secret in ("PASSWORD", "PII_KEYS", "PII_INDEX_KEY", "PAYER_ACCOUNT_KEY"):
        for line in text.splitlines():
            if secret in line and ":" in line and "${" not in line:
                raise AssertionError(f"a literal secret value: {line.strip()}")
    # Keys are files made by `make compose-env` and mounted, never written out here.
    assert "PRIVATE KEY" not in text
    for secret in compose().get("secrets", {}).values():
        assert set(secret) == {"file"}
        assert secret["file"].startswith("./.ledgerflow/")
    assert ".env" in (ROOT / ".gitignore").read_text().splitlines()


def test_a_compose_file_that_breaks_the_specification_is_refused() -> None:
    broken = compose()
    broken["services"]["ledger-api"]["depends_on"]["ledger-migrate"] = {"condition": "finished"}
    broken["services"]["ledger-api"]["ports"] = "8002:8000"
    assert len(compose_errors(broken)) == 2


def hadolint(dockerfile: Path) -> tuple[int, str]:
    result = run(tool("hadolint"), "--no-color", dockerfile)
    return result.returncode, result.stdout + result.stderr


def test_the_dockerfile_passes_hadolint() -> None:
    assert hadolint(ROOT / "Dockerfile") == (0, "")


def test_the_image_runs_as_a_non_root_user_without_build_tools() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    final = dockerfile.split(" AS runtime")[1]
    assert "USER 10001:10001" in final
    assert "uv" not in final.replace("venv", "")
    assert "apt-get" not in final


def test_hadolint_catches_a_bad_dockerfile(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get update && apt-get install -y gcc\n")
    code, output = hadolint(bad)
    assert code != 0
    assert "DL3007" in output  # the latest tag
    assert "DL3008" in output  # unpinned apt packages
