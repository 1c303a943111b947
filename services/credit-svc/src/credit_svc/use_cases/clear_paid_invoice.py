"""A paid invoice no longer counts towards exposure."""

from datetime import date, datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import Receivable, open_account
from credit_svc.use_cases.review_automatic_holds import review_automatic_holds


async def clear_paid_invoice(
    uow: CreditUnitOfWork,
    *,
    customer_id: str,
    invoice_id: str,
    currency: str,
    as_of: date,
    now: datetime,
) -> None:
    await uow.accounts.add_if_absent(open_account(customer_id, currency))
    await uow.receivables.mark_paid(customer_id, Receivable(invoice_id, currency, 0), as_of)
    await review_automatic_holds(uow, customer_id, as_of=as_of, now=now)
