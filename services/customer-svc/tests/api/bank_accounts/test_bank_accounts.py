from functools import partial
from typing import Any

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, ServiceDb

from ..customer_file import add_to_file, assert_refused_unwritten

ACCOUNT = {"iban": "de89 3704 0044 0532 0130 00", "bic": "cobadeffxxx", "currency": "EUR"}


add = partial(add_to_file, role="accountant", records="bank-accounts")


async def test_an_account_is_kept_compact_and_shown_in_clear_only_to_those_who_pay(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    created = await add(client, auth_keys, customer["id"], ACCOUNT)
    url = f"/v1/customers/{customer['id']}/bank-accounts"

    assert created.status_code == 201, created.text
    assert (created.json()["iban"], created.json()["bic"], created.json()["currency"]) == (
        "****3000",
        "COBADEFFXXX",
        "EUR",
    )
    [clear] = (await client.get(url, headers=auth_keys.auth("accountant"))).json()["items"]
    [masked] = (await client.get(url, headers=auth_keys.auth("cashier"))).json()["items"]
    one = await client.get(f"{url}/{clear['id']}", headers=auth_keys.auth("collector"))
    assert (clear["iban"], masked["iban"], one.json()["iban"]) == (
        "DE89370400440532013000",
        "****3000",
        "DE89370400440532013000",
    )


@pytest.mark.parametrize(
    ("change", "field", "slug"),
    [
        ({"iban": "DE89 3704 0044 0532 0130 01"}, "iban", "invalid-iban"),
        ({"iban": "XX00 1234"}, "iban", "invalid-iban"),
        ({"bic": "COBA"}, "bic", "invalid-bic"),
        ({"currency": "EURO"}, "currency", "validation-error"),
        ({"currency": "XAU"}, "currency", "unsupported-currency"),
    ],
)
async def test_a_bad_account_is_refused_naming_the_field_and_nothing_is_written(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    customer: dict[str, Any],
    db: ServiceDb,
    change: dict[str, Any],
    field: str,
    slug: str,
) -> None:
    await assert_refused_unwritten(
        db, lambda: add(client, auth_keys, customer["id"], {**ACCOUNT, **change}), field, slug
    )


async def test_the_same_account_twice_is_refused_pointing_at_the_first(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    first = (await add(client, auth_keys, customer["id"], ACCOUNT)).json()
    again = await add(client, auth_keys, customer["id"], {"iban": "DE89370400440532013000"})
    assert again.status_code == 409
    assert again.json()["existing_bank_account_id"] == first["id"]


async def test_a_cashier_may_not_record_bank_accounts(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    assert (
        await add(client, auth_keys, customer["id"], ACCOUNT, role="cashier")
    ).status_code == 403


async def test_an_account_is_removed(
    client: httpx.AsyncClient, auth_keys: KeyPair, customer: dict[str, Any]
) -> None:
    account = (await add(client, auth_keys, customer["id"], ACCOUNT)).json()
    url = f"/v1/customers/{customer['id']}/bank-accounts/{account['id']}"
    assert (await client.delete(url, headers=auth_keys.auth("admin"))).status_code == 204
    assert (await client.get(url, headers=auth_keys.auth("admin"))).status_code == 404
