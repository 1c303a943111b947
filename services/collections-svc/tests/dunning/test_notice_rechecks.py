"""What happens between the run and the send: payments, pauses, a refusing SMTP server, a
sender killed mid-send, a customer nobody can e-mail."""

from datetime import date, timedelta

import httpx

from collections_svc.adapters.recipients import Recipients
from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.use_cases.send_notice import claim_next_notice
from ledgerflow_platform.testing import EventDelivery, KeyPair, service_db

from .ledger import Collections, Ledger
from .mail_sink import text_of
from .sending import START, Sender

D = date
ANNA = Recipients(("anna@example.com",), "en")


async def two_overdue_invoices(delivery: EventDelivery, sender: Sender) -> tuple[Ledger, str, str]:
    ledger = Ledger(delivery)
    first = await ledger.issue("INV-1", "200.00", due=D(2026, 12, 1))
    second = await ledger.issue("INV-2", "80.00", due=D(2026, 12, 1))
    sender.directory.found[ledger.customer] = ANNA
    return ledger, first, second


def listed(mail_text: str) -> list[str]:
    return [line for line in mail_text.splitlines() if line.startswith("Invoice ")]


async def test_a_payment_between_the_run_and_the_send_drops_that_invoice(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, sender: Sender
) -> None:
    ledger, paid, _ = await two_overdue_invoices(delivery, sender)
    api = Collections(client, auth_keys)
    await api.ran(D(2026, 12, 8))
    await ledger.pay(paid, "200.00", open_after="0.00", on=D(2026, 12, 9))

    await sender.send()

    [notice] = await api.notices(customer_id=ledger.customer)
    assert (notice["status"], notice["level"], notice["dropped"]) == (
        "sent",
        2,
        [{"invoice_id": paid, "reason": "paid"}],
    )
    assert [i["number"] for i in notice["invoices"]] == ["INV-2"]
    [mail] = sender.sink.messages
    assert listed(text_of(mail)) == ["Invoice INV-2: 80.00 EUR open, 7 days past due"]


async def test_a_notice_with_nothing_left_is_suppressed_and_not_sent(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    sender: Sender,
    database_url: str,
) -> None:
    ledger, first, second = await two_overdue_invoices(delivery, sender)
    api = Collections(client, auth_keys)
    await api.ran(D(2026, 12, 8))
    await ledger.credit(first, "200.00", open_after="0.00", on=D(2026, 12, 9))
    await ledger.pay(second, "30.00", open_after="50.00", on=D(2026, 12, 9))

    await sender.send()

    [notice] = await api.notices(customer_id=ledger.customer)
    assert (
        notice["status"],
        notice["invoices"],
        notice["dropped"],
        notice["suppressed_reason"],
    ) == (
        "suppressed",
        [],
        [{"invoice_id": first, "reason": "credited"}, {"invoice_id": second, "reason": "paid"}],
        "every invoice was settled or held after the run",
    )
    assert sender.sink.messages == []
    async with service_db(database_url) as db:
        assert await db.outbox(ledger.customer) == []


async def test_a_pause_after_the_run_holds_the_notice_back(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, sender: Sender
) -> None:
    ledger, _, _ = await two_overdue_invoices(delivery, sender)
    api = Collections(client, auth_keys)
    await api.ran(D(2026, 12, 8))
    await client.post(
        f"/v1/customers/{ledger.customer}/dunning-pauses",
        json={"until": "2027-01-31", "reason": "disputed delivery"},
        headers=auth_keys.auth("collector"),
    )

    await sender.send()

    [notice] = await api.notices(customer_id=ledger.customer)
    assert [d["reason"] for d in notice["dropped"]] == ["paused", "paused"]
    assert notice["status"] == "suppressed"


async def test_a_refusal_is_retried_and_a_notice_refused_throughout_fails_until_a_later_run(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, sender: Sender
) -> None:
    api = Collections(client, auth_keys)
    retried, _, _ = await two_overdue_invoices(delivery, sender)
    await api.ran(D(2026, 12, 8))
    sender.sink.refusals_left = 1
    await sender.send()
    failing = Ledger(delivery)
    await failing.issue("INV-F", "10.00", due=D(2026, 12, 9))
    sender.directory.found[failing.customer] = ANNA
    await api.ran(D(2026, 12, 16))
    sender.sink.refusals_left = 2  # both attempts the sender makes

    await sender.send()
    failed = await api.notices(customer_id=failing.customer)
    await api.ran(D(2026, 12, 17))
    await sender.send()
    resent = await api.notices(customer_id=failing.customer)

    assert [n["status"] for n in await api.notices(customer_id=retried.customer)] == ["sent"]
    assert [n["status"] for n in failed] == ["failed"]
    assert [n["status"] for n in resent] == ["sent"]
    assert [m["Message-ID"].strip() for m in sender.sink.messages] == [
        n["message_id"] for n in (await api.notices(customer_id=retried.customer)) + resent
    ]


async def test_a_sender_killed_between_sending_and_sent_resends_with_the_same_message_id(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    sender: Sender,
    database_url: str,
) -> None:
    ledger, _, _ = await two_overdue_invoices(delivery, sender)
    api = Collections(client, auth_keys)
    await api.ran(D(2026, 12, 8))
    resources = sender.resources
    # The first sender claims the notice, hands it to the SMTP server, and dies.
    async with resources.sessions() as session:
        uow = CollectionsUnitOfWork(session)
        claimed = await claim_next_notice(
            uow, at=START, lease=resources.sending.lease, business_date=D(2026, 12, 31)
        )
        await uow.commit()
    assert claimed is not None
    await resources.sending.mailer.send(
        resources.sending.mail.render(claimed, ANNA.emails, "en", START, b"%PDF-1.4")
    )
    left = await api.notices(customer_id=ledger.customer)

    assert await sender.send() is False  # still within its lease: not taken again yet
    sender.later_by = timedelta(seconds=61)
    assert await sender.send() is True

    assert [n["status"] for n in left] == ["sending"]
    [notice] = await api.notices(customer_id=ledger.customer)
    assert notice["status"] == "sent"
    assert [m["Message-ID"].strip() for m in sender.sink.messages] == [notice["message_id"]] * 2
    async with service_db(database_url) as db:
        events = await db.outbox(ledger.customer)
    assert [kind for kind, _ in events] == ["collections.notice_sent.v1"]


async def test_a_customer_without_an_e_mail_recipient_gets_a_letter(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    sender: Sender,
    database_url: str,
) -> None:
    ledger, _, _ = await two_overdue_invoices(delivery, sender)
    sender.directory.found[ledger.customer] = Recipients((), "zh-CN")
    api = Collections(client, auth_keys)
    await api.ran(D(2026, 12, 8))

    await sender.send()

    [notice] = await api.notices(customer_id=ledger.customer)
    assert (notice["channel"], notice["status"], notice["recipients_masked"]) == (
        "letter",
        "letter_ready",
        [],
    )
    assert sender.sink.messages == []
    async with service_db(database_url) as db:
        [(kind, data)] = await db.outbox(ledger.customer)
    assert (kind, data["channel"], data["level"]) == ("collections.notice_sent.v1", "letter", 2)
