"""An invoice past its due date counts as overdue exposure until it is paid."""

from datetime import date, datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import Receivable, open_account
from credit_svc.use_cases.review_automatic_holds import review_holds_under_lock


async def mark_invoice_overdue(
    uow: CreditUnitOfWork,
    *,
    customer_id: str,
    invoice_id: str,
    currency: str,
    open_amount: int,
    due_date: date,
    as_of: date,
    now: datetime,
) -> None:
    # The customer's lock before the first write, as every writer takes it: what the check or
    # another fact reads under it is whole, and two writers never wait on each other crosswise.
    await uow.lock_customer(customer_id)
    await uow.accounts.add_if_absent(open_account(customer_id, currency))
    await uow.receivables.mark_overdue(
        customer_id, Receivable(invoice_id, currency, open_amount, overdue=True, due_date=due_date)
    )
    await review_holds_under_lock(uow, customer_id, as_of=as_of, now=now)
