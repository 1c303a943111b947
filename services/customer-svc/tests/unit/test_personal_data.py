import base64

import pytest
from pydantic import ValidationError

from customer_svc.adapters.personal_data.vault import (
    DEV_KEY_ID,
    PersonalDataVault,
    UnreadablePersonalData,
    vault_from_settings,
)
from customer_svc.domain import personal_data as pd
from customer_svc.domain.personal_data import Reader
from customer_svc.settings import PersonalDataSettings, Settings

KEY = bytes(range(32))
OTHER = bytes(range(1, 33))
VAULT = PersonalDataVault({"k1": KEY}, "k1", OTHER)


@pytest.mark.parametrize(
    ("field", "value", "mask"),
    [
        (pd.CONTACT_NAME, "John Doe", "J*** D**"),
        (pd.CONTACT_NAME, "王芳", "王*"),
        (pd.CONTACT_PHONE, "+4915112345612", "+49 *** **12"),
        (pd.CONTACT_PHONE, "+8613800138000", "+86 *** **00"),
        (pd.CONTACT_EMAIL, "john.doe@acme.example", "j***@acme.example"),
        (pd.TAX_ID, "91110000600037341L", "****341L"),
        (pd.BANK_ACCOUNT_IBAN, "DE89370400440532013000", "****3000"),
    ],
)
def test_masks_keep_just_enough_to_recognise_a_value(field: str, value: str, mask: str) -> None:
    assert pd.masked(field, value) == mask


@pytest.mark.parametrize(
    ("roles", "clear"),
    [
        ({"accountant"}, True),
        ({"credit_manager"}, True),
        ({"collector"}, True),
        ({"admin"}, True),
        ({"cashier"}, False),
        ({"auditor"}, False),
        ({"service"}, False),
        ({"auditor", "collector"}, True),
    ],
)
def test_only_roles_that_need_personal_data_see_it_in_clear(roles: set[str], clear: bool) -> None:
    assert Reader("who", frozenset(roles), "GET /x").sees_clear is clear


@pytest.mark.parametrize(
    ("roles", "field", "record_roles", "clear"),
    [
        ({"service"}, pd.CONTACT_EMAIL, ("dunning_recipient",), True),
        ({"service"}, pd.CONTACT_EMAIL, ("billing", "primary"), False),
        ({"service"}, pd.CONTACT_NAME, ("dunning_recipient",), False),
        ({"service"}, pd.CONTACT_PHONE, ("dunning_recipient",), False),
        ({"cashier"}, pd.CONTACT_EMAIL, ("dunning_recipient",), False),
        ({"collector"}, pd.CONTACT_PHONE, (), True),
    ],
)
def test_a_service_sees_only_dunning_recipients_emails_in_clear(
    roles: set[str], field: str, record_roles: tuple[str, ...], clear: bool
) -> None:
    reader = Reader("collections", frozenset(roles), "GET /x")
    assert reader.sees_in_clear(field, record_roles) is clear


def test_a_sealed_value_names_its_key_and_opens_again() -> None:
    sealed = VAULT.seal(pd.CONTACT_EMAIL, "jane@acme.example")
    assert sealed.token.startswith("k1:")
    assert "jane" not in sealed.token
    assert VAULT.open(pd.CONTACT_EMAIL, sealed) == "jane@acme.example"


def test_a_value_sealed_as_one_field_cannot_be_opened_as_another() -> None:
    sealed = VAULT.seal(pd.CONTACT_PHONE, "+49301234567")
    with pytest.raises(UnreadablePersonalData):
        VAULT.open(pd.TAX_ID, sealed)


def test_a_tampered_value_is_refused() -> None:
    token = VAULT.seal(pd.TAX_ID, "136695976").token
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with pytest.raises(UnreadablePersonalData):
        VAULT.open(pd.TAX_ID, tampered)


def test_the_blind_index_is_keyed_per_field_and_not_the_value() -> None:
    index = VAULT.index(pd.TAX_ID, "136695976")
    assert index == VAULT.index(pd.TAX_ID, "136695976")
    assert "136695976" not in index
    assert index != VAULT.index(pd.BANK_ACCOUNT_IBAN, "136695976")
    assert index != PersonalDataVault({"k1": KEY}, "k1", KEY).index(pd.TAX_ID, "136695976")


def b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


BASE = {"database_url": "postgresql+asyncpg://x/y", "auth_public_key": "pem"}


def test_outside_dev_the_keys_are_required() -> None:
    with pytest.raises(ValidationError, match="CUSTOMER_PII_KEYS"):
        Settings(**BASE, env="production")


def test_a_key_must_be_32_bytes_and_the_active_one_in_the_ring() -> None:
    with pytest.raises(ValidationError, match="32 random bytes"):
        PersonalDataSettings(pii_keys={"k1": b64(KEY[:16])}, pii_active_key="k1")
    with pytest.raises(ValidationError, match="must name a key"):
        PersonalDataSettings(pii_keys={"k1": b64(KEY)}, pii_active_key="k2")


def test_keys_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTOMER_ENV", "production")
    monkeypatch.setenv("CUSTOMER_PII_KEYS", f'{{"2026-11": "{b64(KEY)}"}}')
    monkeypatch.setenv("CUSTOMER_PII_ACTIVE_KEY", "2026-11")
    monkeypatch.setenv("CUSTOMER_PII_INDEX_KEY", b64(OTHER).rstrip("="))

    vault = vault_from_settings(PersonalDataSettings())

    sealed = vault.seal(pd.TAX_ID, "136695976", indexed=True)
    assert sealed.token.startswith("2026-11:")
    assert sealed.index == VAULT.index(pd.TAX_ID, "136695976")


def test_a_developer_machine_runs_on_the_published_dev_key() -> None:
    vault = vault_from_settings(PersonalDataSettings(env="dev"))
    assert vault.active_key_id == DEV_KEY_ID
