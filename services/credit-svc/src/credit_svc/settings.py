from decimal import Decimal

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from ledgerflow_platform.documents.letterhead import CompanySettings
from ledgerflow_platform.settings import ServiceSettings


class Settings(ServiceSettings, CompanySettings):
    """How credit-svc is deployed: its database, broker, keys and port; the letterhead of
    credit reports from CREDIT_COMPANY_NAME, CREDIT_COMPANY_ADDRESS, CREDIT_COMPANY_TAX_ID."""

    model_config = SettingsConfigDict(env_prefix="CREDIT_", extra="ignore")

    port: int = 8003
    limit_approval_thresholds: dict[str, Decimal] = Field(
        default_factory=dict,
        description="By currency, the limit above which an increase needs a second credit "
        'manager, e.g. {"JPY": "15000000"}; other currencies 100000.00',
    )
