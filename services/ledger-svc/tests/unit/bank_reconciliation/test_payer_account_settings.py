import base64

import pytest
from pydantic import ValidationError

from ledger_svc.settings import DEV_PAYER_ACCOUNT_KEY, PayerAccountSettings


def test_outside_dev_the_payer_account_key_must_be_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEDGER_ENV", "production")
    monkeypatch.delenv("LEDGER_PAYER_ACCOUNT_KEY", raising=False)

    with pytest.raises(ValidationError, match="LEDGER_PAYER_ACCOUNT_KEY"):
        PayerAccountSettings()


def test_a_key_that_is_not_32_random_bytes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEDGER_ENV", "production")
    monkeypatch.setenv("LEDGER_PAYER_ACCOUNT_KEY", base64.b64encode(b"short").decode())

    with pytest.raises(ValidationError, match="32 random bytes"):
        PayerAccountSettings()


def test_a_configured_key_is_used_and_dev_falls_back_to_the_published_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = bytes(range(32))
    monkeypatch.setenv("LEDGER_ENV", "production")
    monkeypatch.setenv("LEDGER_PAYER_ACCOUNT_KEY", base64.urlsafe_b64encode(key).decode())
    assert PayerAccountSettings().payer_key() == key

    monkeypatch.setenv("LEDGER_ENV", "dev")
    monkeypatch.delenv("LEDGER_PAYER_ACCOUNT_KEY")
    published = base64.b64decode(DEV_PAYER_ACCOUNT_KEY + "=")
    assert PayerAccountSettings().payer_key() == published
