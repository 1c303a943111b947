"""An issued invoice adds its total to the customer's exposure; the order it bills no longer
needs the credit reserved for it, so its reservation converts and nothing counts twice."""

from datetime import date, datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import Receivable, open_account
from credit_svc.use_cases.reserve_credit import convert_reservation
from credit_svc.use_cases.review_automatic_holds import review_holds_under_lock


async def add_invoice_to_exposure(
    uow: CreditUnitOfWork,
    *,
    customer_id: str,
    invoice_id: str,
    currency: str,
    total: int,
    due_date: date,
    issue_date: date | None = None,
    order_reference: str | None,
    as_of: date,
    now: datetime,
    opening: bool = False,
) -> None:
    # Registration should come first; if it has not, the invoice's currency is the account's.
    # The customer's lock before the first write, as every writer takes it: what the check or
    # another fact reads under it is whole, and two writers never wait on each other crosswise.
    await uow.lock_customer(customer_id)
    await uow.accounts.add_if_absent(open_account(customer_id, currency))
    await uow.receivables.add_if_absent(
        customer_id,
        Receivable(
            invoice_id,
            currency,
            total,
            due_date=due_date,
            total=total,
            issue_date=issue_date,
            order_reference=order_reference,
            opening=opening,
        ),
    )
    if order_reference is not None:
        await convert_reservation(uow, customer_id, order_reference, invoice_id, now)
    await review_holds_under_lock(uow, customer_id, as_of=as_of, now=now)
