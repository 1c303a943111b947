"""The worker's senders side by side: every notice is e-mailed exactly once, each sender
reuses its own SMTP connection, and every notice ends `sent` under its own Message-ID."""

import asyncio
from dataclasses import replace
from datetime import date

import httpx

from collections_svc.adapters.recipients import Recipients
from collections_svc.notice_sender import send_notices
from ledgerflow_events.testing import eventually
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .ledger import Collections, Ledger
from .sending import Sender

D = date
CUSTOMERS = 7
SENDERS = 3


async def test_three_senders_send_seven_notices_once_each_on_three_connections_at_most(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, sender: Sender
) -> None:
    customers = []
    for n in range(CUSTOMERS):
        ledger = Ledger(delivery)
        invoice = await ledger.issue(f"INV-{n}", "100.00", due=D(2026, 12, 1))
        await ledger.overdue(invoice, "100.00", as_of=D(2026, 12, 2))
        sender.directory.found[ledger.customer] = Recipients((f"ap{n}@example.com",), "en")
        customers.append(ledger.customer)
    api = Collections(client, auth_keys)
    run = await api.ran(D(2026, 12, 8))
    resources = replace(
        sender.resources, sending=replace(sender.resources.sending, senders=SENDERS)
    )

    async def all_sent() -> bool:
        notices = await api.notices(run_id=run["id"])
        return [n["status"] for n in notices] == ["sent"] * CUSTOMERS

    senders = asyncio.create_task(send_notices(resources))
    try:
        await eventually(all_sent, within=60)
    finally:
        senders.cancel()
        await asyncio.gather(senders, return_exceptions=True)

    notices = await api.notices(run_id=run["id"])
    assert run["notices_created"] == CUSTOMERS
    assert sorted(m["Message-ID"].strip() for m in sender.sink.messages) == sorted(
        n["message_id"] for n in notices
    )
    assert sorted(m["To"] for m in sender.sink.messages) == sorted(
        f"ap{n}@example.com" for n in range(CUSTOMERS)
    )
    assert 1 <= len(set(sender.sink.peers)) <= SENDERS
