from pydantic_settings import SettingsConfigDict

from ledgerflow_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    """ledger-svc's configuration, from LEDGER_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="LEDGER_", extra="ignore")

    port: int = 8002
