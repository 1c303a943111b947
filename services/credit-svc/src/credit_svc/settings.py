from decimal import Decimal
from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from ledgerflow_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    """How credit-svc is deployed: its database, broker, keys and port."""

    model_config = SettingsConfigDict(env_prefix="CREDIT_", extra="ignore")

    port: int = 8003
    limit_approval_thresholds: dict[str, Decimal] = Field(
        default_factory=dict,
        description="By currency, the limit above which an increase needs a second credit "
        'manager, e.g. {"JPY": "15000000"}; other currencies 100000.00',
    )
    report_font: Path | None = Field(
        default=None,
        description="A TrueType font (.ttf/.ttc) with CJK glyphs for credit report PDFs; "
        "unset: the first of the usual system CJK fonts found",
    )
