"""Every dunning e-mail carries the customer's statement of account, fetched from the ledger
when it is sent: a ledger that cannot be reached is retried like a refusing SMTP server, and
no notice ever leaves without its statement."""

import io
from datetime import date

import httpx
from pypdf import PdfReader

from collections_svc.adapters.recipients import Recipients
from ledgerflow_platform.testing import EventDelivery, KeyPair, service_db

from .ledger import Collections, Ledger
from .mail_sink import pdfs_of
from .sending import Sender

D = date
ANNA = Recipients(("anna@example.com",), "en")


def pdf_text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


async def overdue(delivery: EventDelivery, sender: Sender) -> Ledger:
    ledger = Ledger(delivery)
    await ledger.issue("INV-1", "400.00", due=D(2026, 12, 1))
    sender.directory.found[ledger.customer] = ANNA
    return ledger


async def test_the_notice_carries_the_ledgers_statement_for_the_year_to_the_run(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, sender: Sender
) -> None:
    ledger = await overdue(delivery, sender)
    await Collections(client, auth_keys).ran(D(2026, 12, 8))

    assert await sender.send() is True

    [mail] = sender.sink.messages
    [(name, pdf)] = pdfs_of(mail)
    assert sender.statements.asked == [(ledger.customer, D(2025, 12, 9), D(2026, 12, 8))]
    assert name == f"statement-{ledger.customer}.pdf"
    assert pdf_text(pdf) == (
        f"Ledgerflow Page 1 Statement of account Customer {ledger.customer} "
        "from 2025-12-09 to 2026-12-08"
    )


async def test_a_ledger_that_does_not_answer_once_is_asked_again(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, sender: Sender
) -> None:
    ledger = await overdue(delivery, sender)
    api = Collections(client, auth_keys)
    await api.ran(D(2026, 12, 8))
    sender.statements.down = 1

    assert await sender.send() is True

    [notice] = await api.notices(customer_id=ledger.customer)
    [mail] = sender.sink.messages
    assert notice["status"] == "sent"
    assert len(pdfs_of(mail)) == 1
    assert len(sender.statements.asked) == 2


async def test_without_the_statement_nothing_is_sent_and_the_notice_fails_for_a_later_run(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    sender: Sender,
    database_url: str,
) -> None:
    ledger = await overdue(delivery, sender)
    api = Collections(client, auth_keys)
    await api.ran(D(2026, 12, 8))
    sender.statements.down = 2  # every attempt the sender makes (smtp_attempts = 2)

    assert await sender.send() is True
    [failed] = await api.notices(customer_id=ledger.customer)
    async with service_db(database_url) as db:
        published = await db.outbox(ledger.customer)
    # The next run queues it again; the ledger answers now and it goes out once, whole.
    await api.ran(D(2026, 12, 9))
    assert await sender.send() is True
    [sent] = await api.notices(customer_id=ledger.customer)

    assert sender.sink.messages[1:] == []
    assert (failed["status"], sent["status"]) == ("failed", "sent")
    assert published == []
    [mail] = sender.sink.messages
    assert mail["Message-ID"].strip() == failed["message_id"]
    assert len(pdfs_of(mail)) == 1
