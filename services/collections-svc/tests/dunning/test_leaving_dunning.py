"""What takes an invoice out of dunning or holds it, and what does not."""

from collections.abc import Awaitable, Callable
from datetime import date

import httpx
import pytest

from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .ledger import Collections, Ledger, new_id

D = date
Settle = Callable[[Ledger, str], Awaitable[None]]
SETTLEMENTS: dict[str, Settle] = {
    "paid": lambda ledger, i: ledger.pay(i, "300.00", open_after="0.00", on=D(2026, 11, 3)),
    "voided": lambda ledger, i: ledger.void(i, "300.00", on=D(2026, 11, 3)),
    "credited": lambda ledger, i: ledger.credit(i, "300.00", open_after="0.00", on=D(2026, 11, 3)),
    "written_off": lambda ledger, i: ledger.write_off(i, "300.00", on=D(2026, 11, 3)),
}


@pytest.mark.parametrize("settlement", sorted(SETTLEMENTS))
async def test_a_settled_invoice_leaves_dunning_and_the_others_go_on(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, settlement: str
) -> None:
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    settled = await ledger.issue("INV-A", "300.00", due=D(2026, 10, 1))
    await ledger.issue("INV-B", "75.10", due=D(2026, 10, 1))
    first = await api.lines(ledger.customer, await api.ran(D(2026, 11, 1)))
    await SETTLEMENTS[settlement](ledger, settled)

    second = await api.lines(ledger.customer, await api.ran(D(2026, 11, 8)))

    assert first == [("INV-A", 2, "300.00", 31), ("INV-B", 2, "75.10", 31)]
    assert second == [("INV-B", 3, "75.10", 38)]


async def test_invoices_below_the_policys_minimum_are_not_dunned(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    ledger, api = Ledger(delivery), Collections(client, auth_keys)
    drafted = await client.post(
        "/v1/dunning-policies",
        json={
            "name": "small-sums-spared",
            "levels": [{"level": 1, "days_from_due": 0, "channel": "letter", "template": "notice"}],
            "min_amount": {"EUR": "50.00"},
        },
        headers=api.headers,
    )
    policy = drafted.json()["id"]
    await client.post(f"/v1/dunning-policies/{policy}:activate", headers=api.headers)
    assigned = await client.put(
        f"/v1/customers/{ledger.customer}/dunning-policy",
        json={"policy_id": policy},
        headers=api.headers,
    )
    await ledger.issue("INV-S", "49.99", due=D(2026, 11, 1))
    await ledger.issue("INV-T", "50.00", due=D(2026, 11, 1))

    run = await api.ran(D(2026, 11, 1))

    assert assigned.status_code == 200
    assert await api.lines(ledger.customer, run) == [("INV-T", 1, "50.00", 0)]
    [letter] = await api.notices(customer_id=ledger.customer)
    assert (letter["channel"], letter["status"]) == ("letter", "letter_ready")


async def test_a_paused_customer_is_held_and_an_ended_pause_holds_no_more(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    paused, resumed = Ledger(delivery), Ledger(delivery)
    api = Collections(client, auth_keys)
    collector = auth_keys.auth("collector")
    for ledger in (paused, resumed):
        await ledger.issue("INV-P", "60.00", due=D(2026, 12, 1))
        pause = await client.post(
            f"/v1/customers/{ledger.customer}/dunning-pauses",
            json={"until": "2027-01-15", "reason": "billing query"},
            headers=collector,
        )
        assert pause.status_code == 201
    ended = await client.post(
        f"/v1/customers/{resumed.customer}/dunning-pauses/{pause.json()['id']}:end",
        headers=collector,
    )

    run = await api.ran(D(2026, 12, 31))

    assert ended.json()["ended_on"] == "2026-12-31"
    assert await api.lines(paused.customer, run) == []
    assert await api.lines(resumed.customer, run) == [("INV-P", 2, "60.00", 30)]


async def test_a_redelivered_invoice_changes_nothing(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    api, customer, invoice, event_id = Collections(client, auth_keys), new_id(), new_id(), new_id()
    issued = InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice,
        number="INV-R",
        currency="EUR",
        total="10.00",
        issue_date=D(2026, 10, 1),
        due_date=D(2026, 11, 1),
    )

    outcomes = [await delivery.deliver(issued, event_id=event_id) for _ in range(2)]
    run = await api.ran(D(2026, 11, 8))

    assert outcomes == [Outcome.APPLIED, Outcome.DUPLICATE]
    assert await api.lines(customer, run) == [("INV-R", 2, "10.00", 7)]
