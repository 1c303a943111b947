"""Charge late fees as of a business date: each overdue invoice at most once per month."""

from datetime import date

from uuid6 import uuid7

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.adjustments.late_fee import (
    LATE_FEE_SERIES,
    LateFee,
    charge_late_fee,
    period_of,
)
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.invoicing.invoice import invoice_number
from ledger_svc.use_cases.books.post_journal_entry import post_journal_entry
from ledger_svc.use_cases.invoicing.issue_invoice import issued_event
from ledgerflow_events.contracts.ledger import LateFeeCharged


async def charge_late_fees(uow: LedgerUnitOfWork, *, as_of: date) -> list[LateFee]:
    """The fees this run charged; a repeated run in the same month finds none left to charge."""
    period = period_of(as_of)
    customer_ids = await uow.late_fees.customers_to_charge(as_of, period)
    # One fixed lock order (customer id) keeps concurrent runs from deadlocking each other.
    for customer_id in sorted(customer_ids):
        await uow.lock_customer(customer_id)
    # Re-read under the locks: a payment or another run may have got there first.
    invoices = await uow.late_fees.invoices_to_charge(customer_ids, as_of, period)
    policies = {p.currency: p for p in await uow.late_fees.policies()}
    charged: list[LateFee] = []
    for invoice in invoices:
        policy = policies[invoice.currency]
        # Checked before numbering, so a fee that comes to nothing takes no LF number.
        if not policy.applies(invoice, as_of) or policy.fee_for(invoice.open_amount) <= 0:
            continue
        sequence = await uow.invoices.next_number(LATE_FEE_SERIES, as_of.year)
        fee = charge_late_fee(
            invoice,
            policy,
            as_of=as_of,
            late_fee_id=str(uuid7()),
            fee_invoice_id=str(uuid7()),
            fee_number=invoice_number(LATE_FEE_SERIES, as_of.year, sequence),
        )
        assert fee is not None, "a positive fee was checked above"
        await uow.invoices.add(fee.fee_invoice)
        await uow.late_fees.add(fee)
        await post_journal_entry(uow, fee.journal_entry())
        await uow.emit(issued_event(fee.fee_invoice))
        await uow.emit(charged_event(fee))
        charged.append(fee)
    return charged


def charged_event(fee: LateFee) -> LateFeeCharged:
    return LateFeeCharged(
        customer_id=fee.customer_id,
        late_fee_id=fee.id,
        invoice_id=fee.invoice_id,
        fee_invoice_id=fee.fee_invoice.id,
        fee_invoice_number=fee.fee_invoice.number,
        currency=fee.currency,
        amount=format_amount(fee.amount, fee.currency),
        period=fee.period,
        as_of=fee.as_of,
    )
