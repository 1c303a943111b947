import re

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ledgerflow_platform.secret_keys import decode_key
from ledgerflow_platform.settings import ServiceSettings

_KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")


class PersonalDataSettings(BaseSettings):
    """Keys sealing customers' personal data: required everywhere but a developer's machine.

    CUSTOMER_PII_KEYS is a JSON map of key id to base64 32-byte AES key, CUSTOMER_PII_ACTIVE_KEY
    the id new values are sealed under, CUSTOMER_PII_INDEX_KEY the base64 32-byte HMAC key of
    the blind indexes. Only with CUSTOMER_ENV=dev, set explicitly (the local platform and the
    tests set it), may they be left out: values are then sealed under a published dev key.
    """

    model_config = SettingsConfigDict(env_prefix="CUSTOMER_", extra="ignore")

    env: str = "production"
    pii_keys: dict[str, str] | None = None
    pii_active_key: str | None = None
    pii_index_key: str | None = None

    @model_validator(mode="after")
    def _keys_are_usable(self) -> "PersonalDataSettings":
        configured = (self.pii_keys, self.pii_active_key, self.pii_index_key)
        if self.env != "dev" and None in configured:
            raise ValueError(
                "set CUSTOMER_PII_KEYS, CUSTOMER_PII_ACTIVE_KEY and CUSTOMER_PII_INDEX_KEY "
                f"(CUSTOMER_ENV={self.env}; only dev may run on the published dev key)"
            )
        if self.pii_keys is not None:
            for kid, key in self.pii_keys.items():
                if not _KEY_ID.fullmatch(kid):
                    raise ValueError(f"key id {kid!r}: use 1 to 32 letters, digits, _ or -")
                decode_key(key, f"CUSTOMER_PII_KEYS[{kid}]")
            if self.pii_active_key not in self.pii_keys:
                raise ValueError("CUSTOMER_PII_ACTIVE_KEY must name a key of CUSTOMER_PII_KEYS")
        if self.pii_index_key is not None:
            decode_key(self.pii_index_key, "CUSTOMER_PII_INDEX_KEY")
        return self


class Settings(ServiceSettings, PersonalDataSettings):
    """customer-svc's configuration, from CUSTOMER_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="CUSTOMER_", extra="ignore")

    port: int = 8001
