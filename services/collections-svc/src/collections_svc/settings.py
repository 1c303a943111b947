from datetime import date

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from ledgerflow_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    """How collections-svc is deployed: its database, broker, keys, port and mail server."""

    model_config = SettingsConfigDict(env_prefix="COLLECTIONS_", extra="ignore")

    port: int = 8004
    # Runs may not be dated after the business date: today, unless pinned (demo data, tests).
    business_date: date | None = None
    # The right-hand side of notices' Message-IDs: stable, so a re-send can be recognised.
    mail_domain: str = Field(default="collections.ledgerflow.local", min_length=1)
