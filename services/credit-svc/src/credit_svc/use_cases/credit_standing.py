"""A customer's standing read in one place, for the profile, the holds and the check."""

from datetime import datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import CreditAccount, CustomerNotFound, exposure_of
from credit_svc.domain.standing import Standing, standing_of


async def account_of(uow: CreditUnitOfWork, customer_id: str) -> CreditAccount:
    account = await uow.accounts.get(customer_id)
    if account is None:
        raise CustomerNotFound(customer_id)
    return account


async def standing_now(uow: CreditUnitOfWork, account: CreditAccount, now: datetime) -> Standing:
    exposure = exposure_of(account, await uow.receivables.open_of(account.customer_id))
    limit = await uow.limits.in_force(account.customer_id)
    reserved = await uow.reservations.reserved(account.customer_id, account.currency, now)
    return standing_of(exposure, limit.amount if limit else None, reserved)
