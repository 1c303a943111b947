"""Where the local platform keeps its state and which ports it listens on, from env vars."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from ledgerflow_devstack.port_claims import free_ports

SERVICES: Final = ("customer", "ledger", "credit", "collections", "reporting")
# reporting only consumes, so it has no outbox to replay
PRODUCERS: Final = ("customer", "ledger", "credit", "collections")
HOST: Final = "127.0.0.1"

DEFAULT_PG_PORT: Final = 5544
DEFAULT_KAFKA_PORT: Final = 9092
DEFAULT_SMTP_PORT: Final = 1025
DEFAULT_SERVICE_PORTS: Final[Mapping[str, int]] = {
    "customer": 8001,
    "ledger": 8002,
    "credit": 8003,
    "collections": 8004,
    "reporting": 8005,
}


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a port number, got {raw!r}") from None


@dataclass(frozen=True)
class StackConfig:
    """One local platform: a state directory and the ports of its processes."""

    home: Path
    pg_port: int = DEFAULT_PG_PORT
    kafka_port: int = DEFAULT_KAFKA_PORT
    # the local mail sink, where collections-svc's notices land
    smtp_port: int = DEFAULT_SMTP_PORT
    service_ports: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_SERVICE_PORTS))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "StackConfig":
        env = os.environ if env is None else env
        return cls(
            home=Path(env.get("LEDGERFLOW_HOME") or ".ledgerflow").resolve(),
            pg_port=_port(env, "LEDGERFLOW_PG_PORT", DEFAULT_PG_PORT),
            kafka_port=_port(env, "LEDGERFLOW_KAFKA_PORT", DEFAULT_KAFKA_PORT),
            smtp_port=_port(env, "LEDGERFLOW_SMTP_PORT", DEFAULT_SMTP_PORT),
            service_ports={
                name: _port(env, f"LEDGERFLOW_{name.upper()}_PORT", port)
                for name, port in DEFAULT_SERVICE_PORTS.items()
            },
        )

    @classmethod
    def isolated(cls, home: Path) -> "StackConfig":
        """Free ports for everything, so tests never clash with a developer's `make up`."""
        pg, kafka, smtp, *services = free_ports(3 + len(SERVICES))
        return cls(
            home=home.resolve(),
            pg_port=pg,
            kafka_port=kafka,
            smtp_port=smtp,
            service_ports=dict(zip(SERVICES, services, strict=True)),
        )

    def as_env(self) -> dict[str, str]:
        """The variables `from_env` reads back into this config: for the processes it starts."""
        env = {
            "LEDGERFLOW_HOME": str(self.home),
            "LEDGERFLOW_PG_PORT": str(self.pg_port),
            "LEDGERFLOW_KAFKA_PORT": str(self.kafka_port),
            "LEDGERFLOW_SMTP_PORT": str(self.smtp_port),
        }
        env.update(
            {f"LEDGERFLOW_{name.upper()}_PORT": str(p) for name, p in self.service_ports.items()}
        )
        return env

    @property
    def pgdata(self) -> Path:
        return self.home / "pg"

    @property
    def mail_dir(self) -> Path:
        return self.home / "mail"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def run(self) -> Path:
        return self.home / "run"

    @property
    def state_file(self) -> Path:
        return self.run / "processes.json"

    @property
    def restarts_file(self) -> Path:
        return self.run / "restarts.json"

    @property
    def demo_marker(self) -> Path:
        return self.home / "demo-loaded"

    @property
    def private_key(self) -> Path:
        return self.home / "auth" / "private-key.pem"

    @property
    def public_key(self) -> Path:
        return self.home / "auth" / "public-key.pem"

    @property
    def kafka_bootstrap(self) -> str:
        return f"{HOST}:{self.kafka_port}"

    def log_file(self, name: str) -> Path:
        return self.logs / f"{name}.log"

    def url(self, service: str) -> str:
        if service not in self.service_ports:
            raise KeyError(f"unknown service {service!r}; expected one of {', '.join(SERVICES)}")
        return f"http://{HOST}:{self.service_ports[service]}"

    def database_url(self, service: str) -> str:
        return f"postgresql+asyncpg://{service}@{HOST}:{self.pg_port}/{service}"
