"""The five services as OS processes: `python -m <name>_svc migrate|serve`, configured by env."""

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping

import httpx

from ledgerflow_devstack.config import HOST, StackConfig
from ledgerflow_devstack.errors import StackError
from ledgerflow_devstack.probes import log_tail, port_answers
from ledgerflow_devstack.spawn import exited, spawn

Child = subprocess.Popen[bytes]


def service_env(config: StackConfig, name: str) -> dict[str, str]:
    """The developer's environment plus this service's settings, which always win."""
    prefix = name.upper()
    return {
        **os.environ,
        f"{prefix}_DATABASE_URL": config.database_url(name),
        f"{prefix}_KAFKA_BOOTSTRAP_SERVERS": config.kafka_bootstrap,
        f"{prefix}_HOST": HOST,
        f"{prefix}_PORT": str(config.service_ports[name]),
        f"{prefix}_AUTH_PUBLIC_KEY_FILE": str(config.public_key),
        # Locally the platform's own issuer key signs the services' tokens to each other.
        f"{prefix}_SERVICE_KEY_FILE": str(config.private_key),
        f"{prefix}_CUSTOMER_URL": config.url("customer"),
        f"{prefix}_LEDGER_URL": config.url("ledger"),
        # reporting asks every producer to replay when it rebuilds its projections
        f"{prefix}_CREDIT_URL": config.url("credit"),
        f"{prefix}_COLLECTIONS_URL": config.url("collections"),
        f"{prefix}_LOG_JSON": "true",
        # Locally the business gauges follow a demo or a test within seconds, not a minute.
        f"{prefix}_GAUGES_REFRESH_S": "5",
        # a developer's machine: the published dev keys are allowed (never the default)
        f"{prefix}_ENV": "dev",
        # collections-svc's notices go to the local mail sink
        f"{prefix}_SMTP_HOST": HOST,
        f"{prefix}_SMTP_PORT": str(config.smtp_port),
        # a log that stops short of the crash is no help
        "PYTHONUNBUFFERED": "1",
    }


def _run(config: StackConfig, name: str, action: str) -> Child:
    argv = [sys.executable, "-m", f"{name}_svc", action]
    return spawn(argv, config.log_file(name), service_env(config, name))


def migrate(config: StackConfig, names: Iterable[str], timeout: float = 120.0) -> None:
    """Apply every service's migrations, side by side: each owns a separate database."""
    children = {name: _run(config, name, "migrate") for name in names}
    deadline = time.monotonic() + timeout
    try:
        for name, child in children.items():
            try:
                code = child.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                raise StackError(
                    f"{name} migrate did not finish within {timeout:.0f}s\n"
                    + log_tail(config.log_file(name))
                ) from None
            if code != 0:
                raise StackError(
                    f"{name} migrate exited with status {code}\n" + log_tail(config.log_file(name))
                )
    finally:
        for child in children.values():
            if not exited(child):
                child.kill()
                child.wait()


def serve(config: StackConfig, name: str) -> Child:
    """`<name>_svc serve`: its API and worker under one supervising process."""
    port = config.service_ports[name]
    if port_answers(port):
        raise StackError(
            f"port {port} is already in use, so {name} cannot listen on it; "
            f"stop whatever holds it or set LEDGERFLOW_{name.upper()}_PORT"
        )
    # Given up front, `serve` need not start itself again to share metrics between its halves.
    metrics = config.run / "metrics" / name
    shutil.rmtree(metrics, ignore_errors=True)
    metrics.mkdir(parents=True)
    env = {**service_env(config, name), "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
    argv = [sys.executable, "-m", f"{name}_svc", "serve"]
    return spawn(argv, config.log_file(name), env)


def is_ready(client: httpx.Client, base_url: str) -> bool:
    try:
        return client.get(f"{base_url}/health/ready").status_code == 200
    except httpx.HTTPError:
        return False


def wait_ready(config: StackConfig, children: Mapping[str, Child], timeout: float) -> None:
    """Block until every service answers /health/ready with 200; fail early if one dies."""
    pending = dict(children)
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=2.0) as client:
        while pending:
            for name, child in list(pending.items()):
                if exited(child):
                    raise StackError(
                        f"{name} exited with status {child.returncode} before it was ready\n"
                        + log_tail(config.log_file(name))
                    )
                if is_ready(client, config.url(name)):
                    del pending[name]
            if pending and time.monotonic() > deadline:
                tails = "\n".join(log_tail(config.log_file(n)) for n in pending)
                raise StackError(
                    f"not ready within {timeout:.0f}s: {', '.join(pending)} "
                    f"(GET /health/ready did not return 200)\n{tails}"
                )
            if pending:
                time.sleep(0.2)
