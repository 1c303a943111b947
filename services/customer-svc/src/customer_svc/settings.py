from pydantic_settings import SettingsConfigDict

from ledgerflow_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CUSTOMER_", extra="ignore")

    port: int = 8001
