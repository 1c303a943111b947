from pydantic_settings import SettingsConfigDict

from ledgerflow_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    """How credit-svc is deployed: its database, broker, keys and port."""

    model_config = SettingsConfigDict(env_prefix="CREDIT_", extra="ignore")

    port: int = 8003
