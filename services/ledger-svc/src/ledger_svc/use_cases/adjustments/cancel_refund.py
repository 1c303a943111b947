"""Cancel a requested refund: reverse the request and give the credit back."""

from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.adjustments.refund import Refund
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.books.journal import SourceType
from ledger_svc.use_cases.adjustments.pay_refund import locked_refund
from ledger_svc.use_cases.books.post_journal_entry import reverse_journal_entries
from ledgerflow_events.contracts.ledger import RefundCancelled


async def cancel_refund(
    uow: LedgerUnitOfWork, *, refund_id: str, cancelled_on: date, reason: str
) -> Refund:
    cancelled = (await locked_refund(uow, refund_id)).cancel(cancelled_on, reason)
    await uow.refunds.record_outcome(cancelled)
    await uow.customer_credit.give_back(cancelled.draws)
    await reverse_journal_entries(
        uow,
        SourceType.REFUND,
        cancelled.id,
        business_date=cancelled_on,
        memo=f"Refund cancelled: {reason}",
    )
    await uow.emit(
        RefundCancelled(
            customer_id=cancelled.customer_id,
            refund_id=cancelled.id,
            currency=cancelled.currency,
            amount=format_amount(cancelled.amount, cancelled.currency),
            cancelled_on=cancelled_on,
        )
    )
    return cancelled
