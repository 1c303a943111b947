"""A voided invoice is owed no more: it leaves exposure, open and overdue alike."""

from datetime import date, datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import Receivable, open_account
from credit_svc.use_cases.review_automatic_holds import review_holds_under_lock


async def drop_voided_invoice(
    uow: CreditUnitOfWork,
    *,
    customer_id: str,
    invoice_id: str,
    currency: str,
    as_of: date,
    now: datetime,
) -> None:
    # The customer's lock before the first write, as every writer takes it: what the check or
    # another fact reads under it is whole, and two writers never wait on each other crosswise.
    await uow.lock_customer(customer_id)
    await uow.accounts.add_if_absent(open_account(customer_id, currency))
    # Kept at zero even when the invoice was never seen, so a late InvoiceIssued finds it
    # already present and cannot add it back to exposure.
    await uow.receivables.void(customer_id, Receivable(invoice_id, currency, 0))
    await review_holds_under_lock(uow, customer_id, as_of=as_of, now=now)
