"""Pay out a requested refund: the money leaves the bank."""

from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.adjustments.refund import Refund, RefundNotFound
from ledger_svc.domain.amounts import format_amount
from ledger_svc.domain.controls.segregation import SAFE_DUTIES, DutyPolicy
from ledger_svc.use_cases.books.post_journal_entry import post_journal_entry
from ledgerflow_events.contracts.ledger import RefundPaid


async def locked_refund(uow: LedgerUnitOfWork, refund_id: str) -> Refund:
    """The refund, read again once its customer's stream is locked."""
    found = await uow.refunds.get(refund_id)
    if found is None:
        raise RefundNotFound(refund_id)
    await uow.lock_customer(found.customer_id)
    refund = await uow.refunds.get(refund_id, for_update=True)
    assert refund is not None, "refunds are never deleted"
    return refund


async def pay_refund(
    uow: LedgerUnitOfWork,
    *,
    refund_id: str,
    paid_on: date,
    paid_by: str,
    policy: DutyPolicy = SAFE_DUTIES,
) -> Refund:
    paid = (await locked_refund(uow, refund_id)).pay(paid_on, paid_by=paid_by, policy=policy)
    await uow.refunds.record_outcome(paid)
    await post_journal_entry(uow, paid.paid_entry())
    await uow.emit(
        RefundPaid(
            customer_id=paid.customer_id,
            refund_id=paid.id,
            currency=paid.currency,
            amount=format_amount(paid.amount, paid.currency),
            paid_on=paid_on,
        )
    )
    return paid
