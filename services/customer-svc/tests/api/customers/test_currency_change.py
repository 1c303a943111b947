"""A customer's currency changes only while the ledger holds nothing in it: customer-svc asks
the ledger (here a stand-in answering as the ledger's balance endpoint would)."""

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from customer_svc.adapters.resources import CustomerResources, customer_resources
from customer_svc.domain.customers.account_standing import LedgerStanding
from customer_svc.service import SPEC
from customer_svc.settings import Settings
from ledgerflow_platform.spec import Sessions
from ledgerflow_platform.testing import KeyPair, ServiceDb, app_client


class Ledger:
    """The ledger's balances by customer id; a customer it has none for is unknown to it."""

    def __init__(self) -> None:
        self.standings: dict[str, LedgerStanding] = {}

    async def standing(self, customer_id: str) -> LedgerStanding | None:
        return self.standings.get(customer_id)


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return Ledger()


@pytest.fixture(scope="module")
async def client(
    database_url: str, auth_keys: KeyPair, ledger: Ledger
) -> AsyncIterator[httpx.AsyncClient]:
    @asynccontextmanager
    async def resources(built: Settings, sessions: Sessions) -> AsyncIterator[CustomerResources]:
        async with customer_resources(built, sessions) as real:
            yield dataclasses.replace(real, ledger=ledger)

    settings = Settings(database_url=database_url, auth_public_key=auth_keys.public_pem)
    async with app_client(dataclasses.replace(SPEC, resources=resources), settings) as c:
        yield c


async def change_currency(
    client: httpx.AsyncClient, keys: KeyPair, customer_id: str, currency: str
) -> httpx.Response:
    return await client.patch(
        f"/v1/customers/{customer_id}",
        json={"currency": currency},
        headers={**keys.auth("accountant"), "If-Match": '"1"'},
    )


async def test_a_currency_change_is_refused_while_the_ledger_holds_an_open_amount(
    client: httpx.AsyncClient, auth_keys: KeyPair, register, ledger: Ledger, db: ServiceDb
) -> None:
    customer = (await register(currency="EUR")).json()
    ledger.standings[customer["id"]] = LedgerStanding("EUR", "120.00", "0.00")
    before = await db.counts("customers", "outbox")

    response = await change_currency(client, auth_keys, customer["id"], "USD")

    assert response.status_code == 409
    problem = response.json()
    assert (problem["type"].rsplit("/", 1)[1], problem["detail"]) == (
        "currency-in-use",
        "The ledger holds 120.00 EUR open and 0.00 EUR credit for this customer; settle or "
        "refund them before changing its currency.",
    )
    assert problem["errors"] == [{"field": "currency", "message": problem["detail"]}]
    assert await db.counts("customers", "outbox") == before


async def test_credit_held_keeps_the_currency_too(
    client: httpx.AsyncClient, auth_keys: KeyPair, register, ledger: Ledger
) -> None:
    customer = (await register(currency="EUR")).json()
    ledger.standings[customer["id"]] = LedgerStanding("EUR", "0.00", "5.00")

    response = await change_currency(client, auth_keys, customer["id"], "USD")

    assert (response.status_code, response.json()["type"].rsplit("/", 1)[1]) == (
        409,
        "currency-in-use",
    )


async def test_the_currency_changes_when_nothing_is_held_or_the_ledger_has_no_account(
    client: httpx.AsyncClient, auth_keys: KeyPair, register, ledger: Ledger
) -> None:
    settled, unknown = (await register(currency="EUR")).json(), (await register()).json()
    ledger.standings[settled["id"]] = LedgerStanding("EUR", "0.00", "0.00")

    first = await change_currency(client, auth_keys, settled["id"], "USD")
    second = await change_currency(client, auth_keys, unknown["id"], "USD")

    assert (first.status_code, first.json()["currency"]) == (200, "USD")
    assert (second.status_code, second.json()["currency"]) == (200, "USD")
