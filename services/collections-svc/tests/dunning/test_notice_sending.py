# ruff: noqa: RUF001  (full-width punctuation is correct in the Chinese texts)
"""Dunning e-mails over real SMTP: rechecked just before sending, marked `sending` before the
SMTP call and `sent` after, retried, failed, or turned into a letter."""

import io
from datetime import date

import httpx
from pypdf import PdfReader

from collections_svc.adapters.recipients import Recipients
from collections_svc.notice_sender import NOTICES
from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem, service_db

from .ledger import Collections, Ledger
from .mail_sink import text_of
from .sending import Sender

D = date
ANNA_AND_BO = Recipients(("anna@example.com", "bo@example.com"), "en")


async def overdue_customer(
    delivery: EventDelivery, sender: Sender, recipients: Recipients = ANNA_AND_BO
) -> tuple[Ledger, str, str]:
    ledger = Ledger(delivery)
    first = await ledger.issue("INV-9", "1190.00", due=D(2026, 12, 1))
    second = await ledger.issue("INV-10", "35.50", due=D(2026, 12, 1))
    sender.directory.found[ledger.customer] = recipients
    return ledger, first, second


def sent_count() -> float:
    return NOTICES.labels("email", "sent")._value.get()


async def test_a_notice_is_e_mailed_to_the_dunning_recipients_and_published_once(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    sender: Sender,
    database_url: str,
) -> None:
    ledger, first, second = await overdue_customer(delivery, sender)
    api = Collections(client, auth_keys)
    await api.ran(D(2026, 12, 8))
    before = sent_count()

    assert await sender.send() is True
    assert await sender.send() is False

    [mail] = sender.sink.messages
    [notice] = await api.notices(customer_id=ledger.customer)
    assert (notice["status"], notice["recipients_masked"]) == (
        "sent",
        ["a***@example.com", "b***@example.com"],
    )
    # A long Message-ID is folded onto its own line; unfolded it is the notice's.
    assert (mail["Message-ID"].strip(), mail["To"], mail["Subject"]) == (
        notice["message_id"],
        "anna@example.com, bo@example.com",
        "Payment reminder: overdue invoices",
    )
    assert text_of(mail).replace("\r\n", "\n") == (
        "Dear customer,\n\n"
        "Our records show the invoices below are overdue. Please pay them now.\n\n"
        "Invoice INV-10: 35.50 EUR open, 7 days past due\n"
        "Invoice INV-9: 1190.00 EUR open, 7 days past due\n\n"
        "Total: 1225.50 EUR\n\n"
        "How to pay: transfer the total to our bank account quoting the invoice numbers, or call\n"
        "our accounts team. If you have paid in the last few days, please disregard this message.\n"
        "\nKind regards,\nAccounts receivable\n"
    )
    assert sent_count() - before == 1
    async with service_db(database_url) as db:
        events = await db.outbox(ledger.customer)
    assert events == [
        (
            "collections.notice_sent.v1",
            {
                "customer_id": ledger.customer,
                "notice_id": notice["id"],
                "run_id": notice["run_id"],
                "channel": "email",
                "level": 2,
                "invoices": [
                    {
                        "invoice_id": second,
                        "level": 2,
                        "currency": "EUR",
                        "open_amount": "35.50",
                        "fee": None,
                    },
                    {
                        "invoice_id": first,
                        "level": 2,
                        "currency": "EUR",
                        "open_amount": "1190.00",
                        "fee": None,
                    },
                ],
                "sent_at": "2026-12-31T09:00:02Z",
            },
        )
    ]


async def test_chinese_speaking_customers_get_the_notice_in_chinese(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, sender: Sender
) -> None:
    chinese = Recipients(("li@example.cn",), "zh-CN")
    await overdue_customer(delivery, sender, chinese)
    await Collections(client, auth_keys).ran(D(2026, 12, 8))

    await sender.send()

    [mail] = sender.sink.messages
    assert mail["Subject"] == "付款提醒：发票已逾期"
    assert "发票 INV-9：未付金额 1190.00 EUR，已逾期 7 天\n" in text_of(mail)
    assert "合计：1225.50 EUR\n" in text_of(mail)


async def test_a_customer_with_no_one_to_email_gets_a_letter_that_prints_chinese(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, sender: Sender
) -> None:
    api = Collections(client, auth_keys)
    ledger, _, _ = await overdue_customer(delivery, sender, Recipients((), "zh-CN"))
    await api.ran(D(2026, 12, 8))
    await sender.send()
    [notice] = await api.notices(customer_id=ledger.customer)

    url = f"/v1/notices/{notice['id']}/letter.pdf"
    chinese = await client.get(url, params={"language": "zh-CN"}, headers=api.headers)
    # Without customer-svc to say the customer's language, the letter is in English.
    english = await client.get(url, headers=api.headers)
    bad = await client.get(
        f"/v1/notices/{notice['id']}/letter.pdf", params={"language": "fr"}, headers=api.headers
    )

    assert (notice["status"], chinese.headers["content-type"]) == (
        "letter_ready",
        "application/pdf",
    )
    assert pdf_text(chinese.content) == (
        "Ledgerflow Page 1 付款提醒：发票已逾期 "
        "根据我方记录，以下发票尚未付清。请尽快支付未付金额；如已付款，请告知我们。 "
        "发票号 催收级别 逾期天数 未付金额 INV-10 2 7 35.50 EUR "
        "INV-9 2 7 1190.00 EUR 合计 1225.50 EUR 付款时请注明发票号。"
    )
    assert pdf_text(english.content).endswith(
        "Invoice Level Days past due Open amount INV-10 2 7 35.50 EUR INV-9 2 7 1190.00 EUR "
        "Total 1225.50 EUR Please quote the invoice numbers with your payment."
    )
    assert_problem(bad, 422, "validation-error", fields=["language"])
    assert sender.sink.messages == []


def pdf_text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
