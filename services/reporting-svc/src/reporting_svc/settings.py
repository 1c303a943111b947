from pydantic import Field
from pydantic_settings import SettingsConfigDict

from ledgerflow_platform.documents.letterhead import CompanySettings
from ledgerflow_platform.settings import ServiceSettings


class Settings(ServiceSettings, CompanySettings):
    """How reporting-svc is deployed: its database, broker and port, from REPORTING_* vars;
    the letterhead of printed report packs from REPORTING_COMPANY_NAME, _ADDRESS, _TAX_ID."""

    model_config = SettingsConfigDict(env_prefix="REPORTING_", extra="ignore")

    port: int = 8005
    # The broker does not answer a waiting fetch when records arrive, so this is how often an
    # idle consumer asks again. Nothing in reporting runs on the clock of an event just published
    # (a payment must show in credit's `available` within 250 ms, not here), and asking every
    # 20 ms cost the broker and this worker about a tenth of a core doing nothing.
    kafka_fetch_max_wait_ms: int = Field(default=200, ge=1, le=1000)
    # A partition's fetched events applied up to this many in one transaction. Reporting's
    # figures are read, not decided on, so holding its rows a few milliseconds longer costs
    # nothing; fewer claims and commits took about a fifth off its worker's CPU per credit
    # check (credit's reservations, hundreds a second) against batches of 10.
    consumer_batch_size: int = Field(default=100, ge=0, le=500)
    # How often the worker recomputes the business gauges (receivables, DSO, CEI) for /metrics.
    gauges_refresh_s: float = Field(default=60.0, gt=0, le=3600)
    # The producers a projection rebuild asks to replay their outboxes (customer_url and
    # ledger_url come with every service's settings).
    credit_url: str | None = None
    collections_url: str | None = None
