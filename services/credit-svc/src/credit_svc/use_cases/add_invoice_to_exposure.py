"""An issued invoice adds its total to the customer's exposure."""

from datetime import date, datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import Receivable, open_account
from credit_svc.use_cases.review_automatic_holds import review_automatic_holds


async def add_invoice_to_exposure(
    uow: CreditUnitOfWork,
    *,
    customer_id: str,
    invoice_id: str,
    currency: str,
    total: int,
    due_date: date,
    as_of: date,
    now: datetime,
) -> None:
    # Registration should come first; if it has not, the invoice's currency is the account's.
    await uow.accounts.add_if_absent(open_account(customer_id, currency))
    await uow.receivables.add_if_absent(
        customer_id, Receivable(invoice_id, currency, total, due_date=due_date)
    )
    await review_automatic_holds(uow, customer_id, as_of=as_of, now=now)
