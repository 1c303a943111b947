"""Charge the fees a dunning notice names: each invoice once per level (notice_fee.py)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.adjustments.notice_fee import (
    NOTICE_FEE_SERIES,
    NoticeFee,
    charge_notice_fee,
)
from ledger_svc.domain.amounts import parse_amount
from ledger_svc.domain.invoicing.invoice import invoice_number
from ledger_svc.use_cases.books.post_journal_entry import post_journal_entry
from ledger_svc.use_cases.invoicing.issue_invoice import issued_event


@dataclass(frozen=True)
class NoticedFee:
    """An invoice a notice named at a level, and that level's fee as the notice states it."""

    invoice_id: str
    level: int
    currency: str
    fee: str | None


async def charge_notice_fees(
    uow: LedgerUnitOfWork, *, notice_id: str, sent_on: date, noticed: Sequence[NoticedFee]
) -> list[NoticeFee]:
    """The fees charged now; those charged before (per invoice and level) are skipped."""
    closed = await uow.periods.closed()
    charged_on = closed.first_open_date(sent_on)
    charged: list[NoticeFee] = []
    for item in noticed:
        if item.fee is None:
            continue
        amount = parse_amount(item.fee, item.currency, field="fee", allow_zero=True)
        invoice = await uow.invoices.get(item.invoice_id)
        if amount <= 0 or invoice is None or invoice.currency != item.currency:
            continue
        await uow.lock_customer(invoice.customer_id)
        if await uow.notice_fees.charged(invoice.id, item.level):
            continue
        sequence = await uow.invoices.next_number(NOTICE_FEE_SERIES, charged_on.year)
        fee = charge_notice_fee(
            invoice,
            level=item.level,
            amount=amount,
            notice_id=notice_id,
            charged_on=charged_on,
            fee_invoice_id=str(uuid7()),
            fee_number=invoice_number(NOTICE_FEE_SERIES, charged_on.year, sequence),
        )
        await uow.invoices.add(fee.fee_invoice)
        await uow.notice_fees.add(fee)
        await post_journal_entry(uow, fee.journal_entry())
        await uow.emit(issued_event(fee.fee_invoice))
        charged.append(fee)
    return charged
