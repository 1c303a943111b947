"""An invoice for a customer the ledger has not heard of yet: the ledger asks customer-svc
(here a directory standing in for it) before refusing, and opens the account from its file."""

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import httpx
import pytest
from uuid6 import uuid7

from ledger_svc.domain.account import CustomerAccount, CustomerFile
from ledger_svc.domain.contracts import CustomerContract
from ledger_svc.resources import LedgerResources, ledger_resources
from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.spec import Sessions
from ledgerflow_platform.testing import EventDelivery, KeyPair, app_client

GOODS = [{"description": "Goods", "quantity": "2", "unit_price": "50.00"}]


class Directory:
    """customer-svc's answers, by customer id; every question asked is kept."""

    def __init__(self) -> None:
        self.files: dict[str, CustomerFile] = {}
        self.asked: list[str] = []

    async def find(self, customer_id: str) -> CustomerFile | None:
        self.asked.append(customer_id)
        return self.files.get(customer_id)

    async def find_by_code(self, code: str) -> CustomerFile | None:
        self.asked.append(code)
        return next((f for f in self.files.values() if f.account.code == code), None)

    async def signed_contracts(self, customer_id: str) -> list[CustomerContract]:
        self.asked.append(f"contracts of {customer_id}")
        return []


@pytest.fixture(scope="module")
def directory() -> Directory:
    return Directory()


@pytest.fixture
async def asking_client(
    settings: Settings, directory: Directory
) -> AsyncIterator[httpx.AsyncClient]:
    @asynccontextmanager
    async def resources(built: Settings, sessions: Sessions) -> AsyncIterator[LedgerResources]:
        async with ledger_resources(built, sessions) as real:
            yield dataclasses.replace(real, customers=directory)

    spec = dataclasses.replace(SPEC, resources=resources)
    async with app_client(spec, settings) as client:
        yield client


def filed(customer_id: str, status: str = "active") -> CustomerFile:
    account = CustomerAccount(customer_id, "CNY", 60, status=status, code="YZ-9")
    return CustomerFile(account, datetime(2026, 2, 27, 9, tzinfo=UTC))


async def test_an_invoice_for_a_customer_registered_a_moment_ago_is_issued_at_once(
    asking_client: httpx.AsyncClient,
    auth_keys: KeyPair,
    directory: Directory,
    delivery: EventDelivery,
    ledger_db,
) -> None:
    customer_id = str(uuid7())
    directory.files[customer_id] = filed(customer_id)
    body = {"customer_id": customer_id, "issue_date": "2026-03-01", "lines": GOODS}

    response = await asking_client.post(
        "/v1/invoices", json=body, headers=auth_keys.auth("accountant")
    )

    assert response.status_code == 201, response.text
    assert (response.json()["currency"], response.json()["due_date"]) == ("CNY", "2026-04-30")
    assert directory.asked.count(customer_id) == 1
    assert await ledger_db.rows(
        "SELECT currency, payment_terms_days, code, status FROM customer_accounts "
        "WHERE customer_id = :c",
        c=customer_id,
    ) == [("CNY", 60, "YZ-9", "active")]
    # The registration arriving afterwards finds the account open and changes nothing.
    late = CustomerRegistered(
        customer_id=customer_id,
        name="Yangtze Components Co., Ltd.",
        currency="CNY",
        payment_terms_days=60,
        registered_at=datetime(2026, 2, 27, 9, tzinfo=UTC),
        code="YZ-9",
    )
    assert await delivery.deliver(late) == Outcome.APPLIED
    second = await asking_client.post(
        "/v1/invoices", json=body, headers=auth_keys.auth("accountant")
    )
    assert second.status_code == 201
    assert directory.asked.count(customer_id) == 1


async def test_a_customer_unknown_to_customer_svc_too_is_refused_and_nothing_is_opened(
    asking_client: httpx.AsyncClient, auth_keys: KeyPair, directory: Directory, ledger_db
) -> None:
    customer_id = str(uuid7())
    body = {"customer_id": customer_id, "issue_date": "2026-03-01", "lines": GOODS}

    response = await asking_client.post(
        "/v1/invoices", json=body, headers=auth_keys.auth("accountant")
    )

    assert response.status_code == 422
    assert response.json()["type"].rsplit("/", 1)[1] == "unknown-customer"
    assert directory.asked.count(customer_id) == 1
    assert await ledger_db.rows(
        "SELECT count(*) FROM customer_accounts WHERE customer_id = :c", c=customer_id
    ) == [(0,)]


async def test_a_closed_customer_learnt_from_customer_svc_is_not_invoiced(
    asking_client: httpx.AsyncClient, auth_keys: KeyPair, directory: Directory
) -> None:
    customer_id = str(uuid7())
    directory.files[customer_id] = filed(customer_id, status="closed")
    body = {"customer_id": customer_id, "issue_date": "2026-03-01", "lines": GOODS}

    response = await asking_client.post(
        "/v1/invoices", json=body, headers=auth_keys.auth("accountant")
    )

    assert response.status_code == 409
    assert response.json()["type"].rsplit("/", 1)[1] == "customer-not-invoiceable"
