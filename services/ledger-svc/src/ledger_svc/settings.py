from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ledger_svc.adapters.business_calendar import check_calendar_name
from ledger_svc.domain.controls.segregation import DutyPolicy
from ledgerflow_platform.documents.letterhead import CompanySettings
from ledgerflow_platform.secret_keys import decode_key
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


# Published, so that a developer's machine runs without configuration: never for real data.
DEV_PAYER_ACCOUNT_KEY = "bGVkZ2VyZmxvdy1kZXYtcGF5ZXItYWNjb3VudC1rZXk"


class PayerAccountSettings(BaseSettings):
    """The key of payers' account fingerprints (domain/bank_reconciliation/bank_accounts.py):
    LEDGER_PAYER_ACCOUNT_KEY, base64 of 32 random bytes. Only with LEDGER_ENV=dev, set
    explicitly (the local platform and the tests set it), may it be left out; the published dev
    key is used then.
    Changing it orphans the accounts registered under the old one: register them again."""

    model_config = SettingsConfigDict(env_prefix="LEDGER_", extra="ignore")

    env: str = "production"
    payer_account_key: str | None = None

    @model_validator(mode="after")
    def _key_is_usable(self) -> "PayerAccountSettings":
        if self.payer_account_key is None and self.env != "dev":
            raise ValueError(
                f"set LEDGER_PAYER_ACCOUNT_KEY (LEDGER_ENV={self.env}; only dev may run on the "
                "published dev key)"
            )
        self.payer_key()
        return self

    def payer_key(self) -> bytes:
        return decode_key(
            self.payer_account_key or DEV_PAYER_ACCOUNT_KEY, "LEDGER_PAYER_ACCOUNT_KEY"
        )


class DutySettings(BaseSettings):
    """Segregation of duties (domain/controls/segregation.py), on by default:
    LEDGER_SOD_REFUND_PAYMENT, LEDGER_SOD_PAYMENT_REVERSAL_APPROVAL (true/false) and
    LEDGER_CREDIT_NOTE_APPROVAL_ABOVE (major units of the note's currency; empty turns it off)."""

    model_config = SettingsConfigDict(env_prefix="LEDGER_", extra="ignore")

    sod_refund_payment: bool = True
    sod_payment_reversal_approval: bool = True
    credit_note_approval_above: int | None = Field(default=1000, ge=0)

    def duties(self) -> DutyPolicy:
        return DutyPolicy(
            refund_payment=self.sod_refund_payment,
            credit_note_threshold=self.credit_note_approval_above,
            payment_reversal_approval=self.sod_payment_reversal_approval,
        )


class TaxSettings(BaseSettings):
    """LEDGER_TAX_ADJUSTING=true: an approved write-off and an early-payment discount reclaim
    their share of the invoice's output tax (Dr tax_payable) instead of expensing it gross
    (domain/books/journal.py)."""

    model_config = SettingsConfigDict(env_prefix="LEDGER_", extra="ignore")

    tax_adjusting: bool = False


class Settings(
    ServiceSettings,
    BusinessCalendarSettings,
    PayerAccountSettings,
    DutySettings,
    CompanySettings,
    TaxSettings,
):
    """ledger-svc's configuration, from LEDGER_* environment variables; the letterhead of
    statements from LEDGER_COMPANY_NAME, LEDGER_COMPANY_ADDRESS and LEDGER_COMPANY_TAX_ID."""

    model_config = SettingsConfigDict(env_prefix="LEDGER_", extra="ignore")

    port: int = 8002
    # The broker does not answer a waiting fetch when records arrive, so this is how often an
    # idle consumer asks again. A customer or contract the ledger has not heard of yet is
    # asked of customer-svc directly (adapters/customer_directory.py), so nothing here waits on
    # the clock of an event; asking every 20 ms cost this worker and the broker CPU all day.
    kafka_fetch_max_wait_ms: int = Field(default=200, ge=1, le=1000)
