from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ledger_svc.adapters.business_calendar import check_calendar_name
from ledgerflow_platform.settings import ServiceSettings


class BusinessCalendarSettings(BaseSettings):
    """Which public holidays move due dates: LEDGER_BUSINESS_CALENDAR, e.g. "DE", "DE-BY", "CN".

    Unset, due dates fall on calendar days. Set, a due date computed from payment terms that
    lands on a weekend or public holiday of that calendar rolls to the next business day.
    """

    model_config = SettingsConfigDict(env_prefix="LEDGER_", extra="ignore")

    business_calendar: str | None = None

    @field_validator("business_calendar")
    @classmethod
    def _known_calendar(cls, name: str | None) -> str | None:
        return check_calendar_name(name) if name else None


class Settings(ServiceSettings, BusinessCalendarSettings):
    """ledger-svc's configuration, from LEDGER_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="LEDGER_", extra="ignore")

    port: int = 8002
