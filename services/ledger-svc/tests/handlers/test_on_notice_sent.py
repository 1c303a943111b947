"""collections.notice_sent: the ledger charges each level's fee once per invoice and level."""

from datetime import UTC, datetime
from typing import Any

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.collections import NoticedInvoice, NoticeSent
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair

from ..api.adjustments.steps import assert_books_balance, balance, entry_lines, issue


def notice(customer_id: str, *invoices: NoticedInvoice, level: int = 1) -> NoticeSent:
    return NoticeSent(
        customer_id=customer_id,
        notice_id=str(uuid7()),
        run_id=str(uuid7()),
        channel="email",
        level=level,
        invoices=list(invoices),
        sent_at=datetime(2026, 5, 4, 9, 30, tzinfo=UTC),
    )


def noticed(invoice_id: str, level: int, fee: str | None) -> NoticedInvoice:
    return NoticedInvoice(
        invoice_id=invoice_id, level=level, currency="EUR", open_amount="119.00", fee=fee
    )


async def fees(ledger_db: Any, invoice_id: str) -> list[tuple[Any, ...]]:
    return await ledger_db.rows(
        "SELECT f.level, f.amount, f.charged_on::text, i.number, i.total, i.open_amount "
        "FROM notice_fees f JOIN invoices i ON i.id = f.fee_invoice_id "
        "WHERE f.invoice_id = :i ORDER BY f.level",
        i=invoice_id,
    )


async def test_each_level_fee_is_charged_once_however_often_it_is_noticed(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    delivery: EventDelivery,
    register_customer: Any,
    ledger_db: Any,
) -> None:
    customer_id = await register_customer("EUR")
    billed = await issue(client, auth_keys, customer_id, "119.00", issue_date="2026-03-01")
    unfeed = await issue(client, auth_keys, customer_id, "50.00", issue_date="2026-03-01")
    first = notice(customer_id, noticed(billed["id"], 1, "5.00"), noticed(unfeed["id"], 1, None))
    event_id = str(uuid7())

    assert await delivery.deliver(first, event_id=event_id) == Outcome.APPLIED
    assert await delivery.deliver(first, event_id=event_id) == Outcome.DUPLICATE
    # The same level named by another notice (a rerun) charges nothing more.
    assert (
        await delivery.deliver(notice(customer_id, noticed(billed["id"], 1, "5.00")))
        == Outcome.APPLIED
    )
    assert (
        await delivery.deliver(notice(customer_id, noticed(billed["id"], 2, "12.50"), level=2))
        == Outcome.APPLIED
    )

    charged = await fees(ledger_db, billed["id"])
    assert [row[:3] + row[4:] for row in charged] == [
        (1, 500, "2026-05-04", 500, 500),
        (2, 1250, "2026-05-04", 1250, 1250),
    ]
    assert await fees(ledger_db, unfeed["id"]) == []
    fee_invoices = await ledger_db.rows(
        "SELECT fee_invoice_id FROM notice_fees WHERE invoice_id = :i ORDER BY level",
        i=billed["id"],
    )
    for (fee_invoice_id,), amount in zip(fee_invoices, (500, 1250), strict=True):
        assert await entry_lines(ledger_db, "late_fee", fee_invoice_id) == [
            [("receivable", amount, 0, fee_invoice_id), ("late_fee_income", 0, amount, None)]
        ]
    owed = await balance(client, auth_keys, customer_id)
    assert owed["open_amount"] == "186.50", owed  # 119.00 + 50.00 + 5.00 + 12.50
    await assert_books_balance(client, auth_keys)
