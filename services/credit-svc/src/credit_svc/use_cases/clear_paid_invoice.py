"""A paid invoice no longer counts towards exposure."""

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import Receivable, open_account


async def clear_paid_invoice(
    uow: CreditUnitOfWork, *, customer_id: str, invoice_id: str, currency: str
) -> None:
    await uow.accounts.add_if_absent(open_account(customer_id, currency))
    await uow.receivables.set_open_amount(customer_id, Receivable(invoice_id, currency, 0))
