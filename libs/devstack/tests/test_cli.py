import os
import subprocess
import sys
from pathlib import Path

from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.port_claims import free_ports
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import verify_token

# the console script installed next to this interpreter, as a developer would run it
LEDGERFLOW = str(Path(sys.executable).with_name("ledgerflow"))


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    ports = free_ports(7)
    names = ["PG", "KAFKA", "CUSTOMER", "LEDGER", "CREDIT", "COLLECTIONS", "REPORTING"]
    env = {**os.environ, "LEDGERFLOW_HOME": str(home)}
    env.update({f"LEDGERFLOW_{n}_PORT": str(p) for n, p in zip(names, ports, strict=True)})
    return subprocess.run(
        [LEDGERFLOW, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_token_prints_a_token_the_platform_accepts(tmp_path: Path) -> None:
    result = _run(tmp_path, "token", "--role", "auditor", "--subject", "erin")
    assert result.returncode == 0, result.stderr

    token = result.stdout.strip().splitlines()[-1]
    public_key = StackConfig(home=tmp_path).public_key.read_bytes()
    principal = verify_token(token, public_key)
    assert principal.roles == frozenset({Role.AUDITOR})
    assert principal.subject == "erin"


def test_tokens_are_signed_with_the_same_keys_every_time(tmp_path: Path) -> None:
    first = _run(tmp_path, "token", "--role", "admin").stdout.splitlines()[-1]
    second = _run(tmp_path, "token", "--role", "cashier").stdout.splitlines()[-1]
    public_key = StackConfig(home=tmp_path).public_key.read_bytes()
    assert verify_token(first, public_key).roles == frozenset({Role.ADMIN})
    assert verify_token(second, public_key).roles == frozenset({Role.CASHIER})


def test_an_unknown_role_is_refused(tmp_path: Path) -> None:
    result = _run(tmp_path, "token", "--role", "superuser")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_status_and_down_on_a_platform_that_never_ran(tmp_path: Path) -> None:
    status = _run(tmp_path, "status")
    assert status.returncode == 3
    assert "stopped" in status.stdout

    down = _run(tmp_path, "down")
    assert down.returncode == 0
    assert "nothing was running" in down.stdout
