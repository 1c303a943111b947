from datetime import UTC, datetime

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair


def registered(customer_id: str, currency: str = "EUR", terms: int = 30) -> CustomerRegistered:
    return CustomerRegistered(
        customer_id=customer_id,
        name="Acme Trading Ltd",
        currency=currency,
        payment_terms_days=terms,
        registered_at=datetime(2026, 1, 2, tzinfo=UTC),
    )


async def test_a_registered_customer_gets_an_account_in_their_currency_and_terms(
    delivery: EventDelivery, ledger_db
) -> None:
    customer_id = str(uuid7())
    assert await delivery.deliver(registered(customer_id, "JPY", 45)) == Outcome.APPLIED
    assert await ledger_db.rows(
        "SELECT currency, payment_terms_days FROM customer_accounts WHERE customer_id = :c",
        c=customer_id,
    ) == [("JPY", 45)]


async def test_a_redelivered_registration_is_a_duplicate_and_changes_nothing(
    delivery: EventDelivery, ledger_db
) -> None:
    customer_id, event_id = str(uuid7()), str(uuid7())
    await delivery.deliver(registered(customer_id), event_id=event_id)
    before = await ledger_db.counts()

    again = await delivery.deliver(registered(customer_id), event_id=event_id)

    assert again == Outcome.DUPLICATE
    assert await ledger_db.counts() == before


async def test_a_republished_registration_keeps_the_account_as_first_opened(
    delivery: EventDelivery, ledger_db
) -> None:
    customer_id = str(uuid7())
    await delivery.deliver(registered(customer_id, "EUR", 30))

    # A replayed topic carries the fact again under a new event id.
    assert await delivery.deliver(registered(customer_id, "USD", 60)) == Outcome.APPLIED

    assert await ledger_db.rows(
        "SELECT currency, payment_terms_days FROM customer_accounts WHERE customer_id = :c",
        c=customer_id,
    ) == [("EUR", 30)]


async def test_an_invoice_can_be_issued_once_the_registration_has_arrived(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer_id = str(uuid7())
    body = {
        "customer_id": customer_id,
        "issue_date": "2026-03-01",
        "lines": [{"description": "Goods", "quantity": "1", "unit_price": "10.00"}],
    }
    headers = auth_keys.auth("service")
    early = await client.post("/v1/invoices", json=body, headers=headers)
    await delivery.deliver(registered(customer_id, terms=14))
    on_time = await client.post("/v1/invoices", json=body, headers=headers)

    assert early.json()["type"].endswith("/unknown-customer")
    assert (on_time.status_code, on_time.json()["due_date"]) == (201, "2026-03-15")
