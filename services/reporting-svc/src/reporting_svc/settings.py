from pydantic_settings import SettingsConfigDict

from ledgerflow_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    """How reporting-svc is deployed: its database, broker and port, from REPORTING_* vars."""

    model_config = SettingsConfigDict(env_prefix="REPORTING_", extra="ignore")

    port: int = 8005
    # The producers a projection rebuild asks to replay their outboxes (customer_url and
    # ledger_url come with every service's settings).
    credit_url: str | None = None
    collections_url: str | None = None
