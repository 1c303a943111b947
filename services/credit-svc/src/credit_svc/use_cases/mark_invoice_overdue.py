"""An invoice past its due date counts as overdue exposure until it is paid."""

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import Receivable, open_account


async def mark_invoice_overdue(
    uow: CreditUnitOfWork, *, customer_id: str, invoice_id: str, currency: str, open_amount: int
) -> None:
    await uow.accounts.add_if_absent(open_account(customer_id, currency))
    await uow.receivables.mark_overdue(
        customer_id, Receivable(invoice_id, currency, open_amount, overdue=True)
    )
