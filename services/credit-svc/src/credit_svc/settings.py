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
    # credit.events are read by reporting and collections, neither on a clock, and a reserving
    # check on every order makes them many: gathered 100 ms instead of 20 ms, the relay, the
    # broker and both consumers handle them in batches five times larger, which cut the
    # platform's CPU per check by about a third in the credit benchmark.
    relay_linger_s: float = 0.1
    # The broker does not answer a waiting fetch when records arrive, so this is how often an
    # idle consumer asks again: a payment waits for it before it shows in `available` (within
    # 250 ms). Every 20 ms cost the broker and this worker about 45 ms of CPU a second while
    # nothing came, which order systems' checks wait behind; every 50 ms about 30.
    kafka_fetch_max_wait_ms: int = Field(default=50, ge=1, le=1000)
    limit_approval_thresholds: dict[str, Decimal] = Field(
        default_factory=dict,
        description="By currency, the limit above which an increase needs a second credit "
        'manager, e.g. {"JPY": "15000000"}; other currencies 100000.00',
    )
