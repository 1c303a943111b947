"""Open a credit account when a customer is registered."""

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import open_account


async def open_credit_account(
    uow: CreditUnitOfWork,
    *,
    customer_id: str,
    currency: str,
    terms_days: int | None,
    name: str | None = None,
) -> None:
    await uow.accounts.add_if_absent(open_account(customer_id, currency, terms_days))
    if name is not None:
        # Kept for the credit report only; credit's events never carry it.
        await uow.accounts.name(customer_id, name)
