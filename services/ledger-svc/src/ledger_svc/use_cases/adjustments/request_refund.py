"""Request a refund of customer credit: set the credit aside and owe it back."""

from datetime import date

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.adjustments.customer_credit import CustomerNotFound, draw_credit
from ledger_svc.domain.adjustments.refund import Refund, RefundMethod
from ledger_svc.domain.amounts import format_amount, parse_amount
from ledger_svc.use_cases.books.post_journal_entry import post_journal_entry
from ledgerflow_events.contracts.ledger import RefundRequested


async def request_refund(
    uow: LedgerUnitOfWork,
    *,
    customer_id: str,
    amount: str,
    currency: str | None,
    method: RefundMethod,
    reference: str | None,
    requested_on: date,
    requested_by: str,
) -> Refund:
    """A refund of no more than the credit available now; it is reserved at once."""
    # Locked before reading credit: payments, refunds and credit notes apply in turn.
    await uow.lock_customer(customer_id)
    account = await uow.accounts.get(customer_id)
    if account is None:
        raise CustomerNotFound(customer_id)
    currency = account.ensure_currency(currency)
    minor = parse_amount(amount, currency, field="amount")
    sources = await uow.customer_credit.sources(customer_id)
    refund = Refund(
        id=str(uuid7()),
        customer_id=customer_id,
        currency=currency,
        amount=minor,
        method=method,
        reference=reference,
        requested_on=requested_on,
        requested_by=requested_by,
        draws=draw_credit(minor, sources, currency, field="amount"),
    )
    await uow.refunds.add(refund)
    await uow.customer_credit.take(refund.draws)
    await post_journal_entry(uow, refund.requested_entry())
    await uow.emit(
        RefundRequested(
            customer_id=customer_id,
            refund_id=refund.id,
            currency=currency,
            amount=format_amount(minor, currency),
            method=method.value,
            requested_on=requested_on,
        )
    )
    return refund
