"""Settings every service shares; each service subclasses with its own env prefix.

Safe by default: nothing published (dev keys) is used unless `<PREFIX>_ENV=dev` is set
explicitly, as the local platform and the test suite do.
"""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ledgerflow_events.kafka import KafkaConfig
from ledgerflow_platform.service_client import ServiceClient, ServiceCredentials


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    # "dev" only where set explicitly: the published development keys are allowed then.
    env: str = "production"
    # No defaults for anything that locates data or verifies identity.
    database_url: str
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    host: str = "127.0.0.1"
    port: int
    # Bearer tokens are verified with a static public key (Ed25519, RSA or EC P-256), the
    # keys an identity provider publishes as a JWKS, or both; `iss` and `aud` must match.
    auth_public_key_file: Path | None = None
    auth_public_key: str | None = None
    auth_jwks_url: str | None = None
    # How long fetched JWKS keys are trusted before the set is fetched again.
    auth_jwks_cache_s: int = Field(default=300, ge=10, le=86_400)
    auth_issuer: str = "ledgerflow"
    auth_audience: str = "ledgerflow"
    # The Ed25519 private key this service signs its own `service` tokens with when it calls
    # another service; the issuer's verifiers must trust its public half.
    service_key_file: Path | None = None
    # Other services' base URLs, for the few synchronous reads (ARCHITECTURE.md).
    customer_url: str | None = None
    ledger_url: str | None = None
    upstream_timeout_s: float = 5.0
    # API processes `serve` runs beside the worker, sharing one listening socket.
    api_processes: int = Field(default=1, ge=1, le=16)
    db_pool_size: int = 8
    db_max_overflow: int = 4
    # Test a pooled connection that sat idle this long before using it (database.py); turn
    # off where the database never drops idle connections.
    db_pool_pre_ping: bool = True
    db_ping_after_idle_s: float = 5.0
    kafka_session_timeout_ms: int = 6000
    kafka_heartbeat_interval_ms: int = 1000
    kafka_fetch_max_wait_ms: int = 20
    relay_batch_size: int = 500
    relay_poll_interval_s: float = 1.0
    # How long the relay lets commits gather after a wake-up: publish latency for batching.
    relay_linger_s: float = 0.02
    consumer_retry_attempts: int = 4
    # Events of one partition applied in one transaction (InboxConsumer); 0: one transaction
    # per event. Bigger costs less CPU per event, but what a handler locks (a customer's event
    # stream, say) stays locked until the batch commits, and an API request for that customer
    # waits meanwhile: 10 took most of the saving measured at 20, holding locks half as long.
    consumer_batch_size: int = Field(default=10, ge=0, le=500)
    # Where `worker` serves its own /metrics when it runs alone (its own container or pod);
    # under `serve` the API reports the worker's figures with its own.
    worker_metrics_port: int | None = Field(default=None, ge=1, le=65535)
    # The date the service takes for today (<PREFIX>_BUSINESS_DATE, for demos and tests): runs
    # dated after it, and postings more than `max_days_ahead` days after it, are refused
    # (web/business_date.py). Unset, it is the request's calendar date.
    business_date: date | None = None
    max_days_ahead: int = Field(default=0, ge=0, le=366)
    log_json: bool = False
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _needs_a_way_to_verify_tokens(self) -> "ServiceSettings":
        if not (self.auth_public_key or self.auth_public_key_file or self.auth_jwks_url):
            p = self.model_config.get("env_prefix", "").upper()
            raise ValueError(
                f"set {p}AUTH_PUBLIC_KEY_FILE, {p}AUTH_PUBLIC_KEY or {p}AUTH_JWKS_URL "
                "to verify bearer tokens"
            )
        return self

    def public_key_pem(self) -> str | None:
        """The static public key, if one is configured."""
        if self.auth_public_key:
            return self.auth_public_key
        if self.auth_public_key_file is not None:
            return self.auth_public_key_file.read_text()
        return None

    def service_client(self, service: str, *, calling: str) -> ServiceClient:
        """A client of `service` (customer or ledger) for the service `calling`, as configured."""
        base_url = getattr(self, f"{service}_url")
        if base_url is None:
            raise ValueError(f"set the {service}_url setting: {calling}-svc calls {service}-svc")
        credentials = (
            ServiceCredentials.from_key_file(
                self.service_key_file,
                service=calling,
                issuer=self.auth_issuer,
                audience=self.auth_audience,
            )
            if self.service_key_file is not None
            else None
        )
        return ServiceClient(service, base_url, credentials, timeout_s=self.upstream_timeout_s)

    def kafka(self) -> KafkaConfig:
        return KafkaConfig(
            bootstrap_servers=self.kafka_bootstrap_servers,
            session_timeout_ms=self.kafka_session_timeout_ms,
            heartbeat_interval_ms=self.kafka_heartbeat_interval_ms,
            fetch_max_wait_ms=self.kafka_fetch_max_wait_ms,
        )


S = TypeVar("S", bound=BaseSettings)


def load_settings(factory: Callable[[], S], *, prefix: str) -> S:
    """The settings, or SystemExit with one line naming each environment variable that is
    missing or wrong: what an operator needs, not a validation traceback."""
    try:
        return factory()
    except ValidationError as refused:
        raise SystemExit(settings_problem(refused, prefix)) from None


def settings_problem(refused: ValidationError, prefix: str) -> str:
    problems = []
    for error in refused.errors():
        message = str(error["msg"]).removeprefix("Value error, ")
        if not error["loc"]:
            problems.append(message)
            continue
        variable = f"{prefix}{error['loc'][0]}".upper()
        if error["type"] == "missing":
            problems.append(f"{variable} is required")
        else:
            problems.append(f"{variable} is not valid: {message}")
    return "; ".join(problems)
