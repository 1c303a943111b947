import base64
import os
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from customer_svc.adapters.personal_data.vault import PersonalDataVault, UnreadablePersonalData
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain import personal_data as pd
from customer_svc.rotate_keys import rotate_keys
from customer_svc.settings import Settings
from customer_svc.use_cases.bank_accounts.add_bank_account import add_bank_account
from customer_svc.use_cases.contacts.add_contact import add_contact
from customer_svc.use_cases.customers.register_customer import register_customer
from ledgerflow_platform.testing import KeyPair, service_db

K1, K2, INDEX, NEW_INDEX = (os.urandom(32) for _ in range(4))
TAX_IDS = ["91110000600037341L", "DE136695976"]
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


def settings(database_url: str, auth_keys: KeyPair, active: str, index: bytes) -> Settings:
    return Settings(
        database_url=database_url,
        auth_public_key=auth_keys.public_pem,
        env="production",
        pii_keys={"k1": b64(K1), "k2": b64(K2)},
        pii_active_key=active,
        pii_index_key=b64(index),
    )


@pytest.fixture(scope="module")
async def sealed_under_k1(database_url: str) -> str:
    """Two customers with tax ids, contacts and a bank account, all sealed under k1."""
    k1 = PersonalDataVault({"k1": K1}, "k1", INDEX)
    engine = create_async_engine(database_url)
    async with AsyncSession(engine, expire_on_commit=False) as session:
        uow = CustomerUnitOfWork(session)
        for country, tax_id in zip(("CN", "DE"), TAX_IDS, strict=True):
            customer = await register_customer(
                uow,
                name=f"Rotated {country}",
                currency="EUR",
                payment_terms_days=30,
                profile={"country": country, "tax_id": tax_id},
                vault=k1,
                now=NOW,
            )
            await add_contact(
                uow,
                k1,
                customer.id,
                name="Jane Doe",
                phone="+49301234567",
                email="jane@acme.example",
                roles=["billing"],
                now=NOW,
            )
        await add_bank_account(
            uow,
            k1,
            customer.id,
            iban="DE89370400440532013000",
            bic=None,
            currency=None,
            now=NOW,
        )
        await uow.commit()
    await engine.dispose()
    return database_url


async def sealed_values(database_url: str) -> list[tuple[str, str]]:
    async with service_db(database_url) as db:
        return [
            (field, token)
            for field, sql in (
                (pd.TAX_ID, "SELECT tax_id_sealed FROM customers WHERE tax_id_sealed IS NOT NULL"),
                (pd.CONTACT_NAME, "SELECT name_sealed FROM customer_contacts"),
                (pd.CONTACT_PHONE, "SELECT phone_sealed FROM customer_contacts"),
                (pd.CONTACT_EMAIL, "SELECT email_sealed FROM customer_contacts"),
                (pd.BANK_ACCOUNT_IBAN, "SELECT iban_sealed FROM customer_bank_accounts"),
            )
            for (token,) in await db.rows(sql)
        ]


async def test_rotation_reseals_every_value_under_the_active_key(
    sealed_under_k1: str, auth_keys: KeyPair
) -> None:
    clear = sorted(
        PersonalDataVault({"k1": K1}, "k1", INDEX).open(f, t)
        for f, t in await sealed_values(sealed_under_k1)
    )

    resealed = await rotate_keys(settings(sealed_under_k1, auth_keys, "k2", INDEX), batch_size=1)

    assert resealed == {
        pd.TAX_ID: 2,
        pd.CONTACT_NAME: 2,
        pd.CONTACT_PHONE: 2,
        pd.CONTACT_EMAIL: 2,
        pd.BANK_ACCOUNT_IBAN: 1,
    }
    after = await sealed_values(sealed_under_k1)
    assert {token.split(":")[0] for _, token in after} == {"k2"}
    k2_only = PersonalDataVault({"k2": K2}, "k2", INDEX)
    assert sorted(k2_only.open(f, t) for f, t in after) == clear
    k1_only = PersonalDataVault({"k1": K1}, "k1", INDEX)
    for field, token in after:
        with pytest.raises(UnreadablePersonalData):
            k1_only.open(field, token)
    # A second run finds nothing left to do.
    again = await rotate_keys(settings(sealed_under_k1, auth_keys, "k2", INDEX))
    assert set(again.values()) == {0}


async def test_a_new_index_key_takes_effect_when_keys_are_rotated(
    sealed_under_k1: str, auth_keys: KeyPair
) -> None:
    await rotate_keys(settings(sealed_under_k1, auth_keys, "k2", NEW_INDEX))

    vault = PersonalDataVault({"k2": K2}, "k2", NEW_INDEX)
    async with service_db(sealed_under_k1) as db:
        indexes = {
            i
            for (i,) in await db.rows(
                "SELECT tax_id_index FROM customers WHERE tax_id_index IS NOT NULL"
            )
        }
    assert indexes == {
        vault.index(pd.TAX_ID, "91110000600037341L"),
        vault.index(pd.TAX_ID, "136695976"),
    }
