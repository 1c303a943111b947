"""Disputes hold an invoice at its dunning level while open; rejected, it resumes there."""

from datetime import date

import httpx
import pytest

from collections_svc.adapters.recipients import Recipients
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem, service_db

from .ledger import Collections, Ledger
from .sending import Sender

D = date


async def disputed(
    client: httpx.AsyncClient, headers: dict[str, str], invoice: str, amount: str
) -> httpx.Response:
    return await client.post(
        "/v1/disputes",
        json={"invoice_id": invoice, "amount": amount, "reason": "goods arrived damaged"},
        headers=headers,
    )


async def test_a_disputed_invoice_is_held_and_a_rejected_dispute_resumes_it_at_its_level(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, database_url: str
) -> None:
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    collector = auth_keys.auth("collector")
    contested = await ledger.issue("INV-A", "500.00", due=D(2026, 10, 1))
    await ledger.issue("INV-B", "40.00", due=D(2026, 10, 1))
    await api.ran(D(2026, 11, 1))
    opened = await disputed(client, collector, contested, "120.00")

    held = await api.lines(ledger.customer, await api.ran(D(2026, 11, 8)))
    resolved = await client.post(
        f"/v1/disputes/{opened.json()['id']}:resolve",
        json={"outcome": "rejected", "note": "delivery note signed without remarks"},
        headers=collector,
    )
    resumed = await api.lines(ledger.customer, await api.ran(D(2026, 11, 15)))

    assert opened.status_code == 201
    assert opened.json() == {
        "id": opened.json()["id"],
        "customer_id": ledger.customer,
        "invoice_id": contested,
        "currency": "EUR",
        "amount": "120.00",
        "reason": "goods arrived damaged",
        "status": "open",
        "opened_on": "2026-12-31",
        "resolved_on": None,
        "note": None,
    }
    assert held == [("INV-B", 3, "40.00", 38)]
    assert (resolved.json()["status"], resolved.json()["resolved_on"]) == ("rejected", "2026-12-31")
    assert sorted(resumed) == [("INV-A", 3, "500.00", 45), ("INV-B", 4, "40.00", 45)]
    async with service_db(database_url) as db:
        events = [e for e in await db.outbox(ledger.customer) if "dispute" in e[0]]
    dispute_id = opened.json()["id"]
    assert events == [
        (
            "collections.dispute_opened.v1",
            {
                "customer_id": ledger.customer,
                "dispute_id": dispute_id,
                "invoice_id": contested,
                "currency": "EUR",
                "amount": "120.00",
                "opened_on": "2026-12-31",
            },
        ),
        (
            "collections.dispute_resolved.v1",
            {
                "customer_id": ledger.customer,
                "dispute_id": dispute_id,
                "invoice_id": contested,
                "currency": "EUR",
                "amount": "120.00",
                "outcome": "rejected",
                "resolved_on": "2026-12-31",
            },
        ),
    ]
    again = await client.post(
        f"/v1/disputes/{dispute_id}:resolve",
        json={"outcome": "accepted", "note": "second thoughts"},
        headers=collector,
    )
    assert_problem(again, 409, "dispute-already-resolved")


@pytest.mark.parametrize(
    ("amount", "slug", "field"),
    [
        ("-5.00", "validation-error", "amount"),
        ("0.00", "validation-error", "amount"),
        ("1.001", "validation-error", "amount"),
        ("500.01", "dispute-exceeds-invoice", "amount"),
    ],
)
async def test_a_bad_dispute_is_refused_naming_the_field_and_nothing_changes(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    database_url: str,
    amount: str,
    slug: str,
    field: str,
) -> None:
    ledger = Ledger(delivery)
    invoice = await ledger.issue("INV-C", "500.00", due=D(2026, 10, 1))

    response = await disputed(client, auth_keys.auth("collector"), invoice, amount)

    assert_problem(response, 422, slug, fields=[field])
    async with service_db(database_url) as db:
        assert await db.counts("disputes", "outbox") == {"disputes": 0, "outbox": 0}


async def test_an_unknown_invoice_or_a_second_open_dispute_is_refused(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    headers = auth_keys.auth("collector")
    invoice = await Ledger(delivery).issue("INV-D", "50.00", due=D(2026, 10, 1))
    await disputed(client, headers, invoice, "50.00")

    unknown = await disputed(client, headers, "no-such-invoice", "1.00")
    second = await disputed(client, headers, invoice, "10.00")

    assert_problem(unknown, 422, "unknown-invoice", fields=["invoice_id"])
    assert_problem(second, 409, "invoice-already-disputed", fields=["invoice_id"])


async def test_a_dispute_between_the_run_and_the_send_drops_that_invoice(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, sender: Sender
) -> None:
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    contested = await ledger.issue("INV-E", "90.00", due=D(2026, 12, 1))
    await ledger.issue("INV-F", "10.00", due=D(2026, 12, 1))
    sender.directory.found[ledger.customer] = Recipients(("anna@example.com",), "en")
    await api.ran(D(2026, 12, 8))
    await disputed(client, auth_keys.auth("collector"), contested, "90.00")

    await sender.send()

    [notice] = await api.notices(customer_id=ledger.customer)
    assert notice["dropped"] == [{"invoice_id": contested, "reason": "disputed"}]
    assert [i["number"] for i in notice["invoices"]] == ["INV-F"]
