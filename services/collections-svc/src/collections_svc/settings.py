from datetime import date

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from ledgerflow_platform.documents.letterhead import CompanySettings
from ledgerflow_platform.settings import ServiceSettings


class Settings(ServiceSettings, CompanySettings):
    """How collections-svc is deployed: its database, broker, keys, port and mail server, and
    the letterhead its letters are printed on (COLLECTIONS_COMPANY_NAME, ...)."""

    model_config = SettingsConfigDict(env_prefix="COLLECTIONS_", extra="ignore")

    port: int = 8004
    # The broker does not answer a waiting fetch when records arrive, so this is how often an
    # idle consumer asks again. Nothing in collections runs on the clock of an event just published
    # (a payment must show in credit's `available` within 250 ms, not here), and asking every
    # 20 ms cost the broker and this worker about a tenth of a core doing nothing.
    kafka_fetch_max_wait_ms: int = Field(default=200, ge=1, le=1000)
    # Runs may not be dated after the business date: today, unless pinned (demo data, tests).
    business_date: date | None = None
    # The right-hand side of notices' Message-IDs: stable, so a re-send can be recognised.
    mail_domain: str = Field(default="collections.ledgerflow.local", min_length=1)
    mail_from: str = Field(default="Accounts receivable <collections@ledgerflow.local>")
    # The local sink `make up` runs by default; a real relay in production.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=1025, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_timeout_s: float = Field(default=10.0, gt=0, le=120)
    # Each e-mail is tried this many times, waiting backoff, then twice as long, between tries.
    smtp_attempts: int = Field(default=4, ge=1, le=10)
    smtp_backoff_s: float = Field(default=1.0, ge=0, le=60)
    # A notice left `sending` this long by a sender that died is sent again (same Message-ID).
    notice_lease_s: float = Field(default=300.0, ge=0, le=86_400)
    notice_poll_s: float = Field(default=1.0, gt=0, le=60)
    # Notices sent at once, each by a sender with its own reused SMTP connection (bounded so
    # neither the mail server nor the database pool is swamped).
    notice_senders: int = Field(default=4, ge=1, le=16)
    # "HH:MM" (UTC): the worker runs dunning once a day, dated the business date, from then on.
    # Unset (the default), runs happen only when asked for (POST /v1/dunning-runs).
    run_schedule: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
