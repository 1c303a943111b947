"""How much a customer owes us now, and how much of it is overdue."""

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import CustomerNotFound, Exposure, exposure_of


async def assess_exposure(uow: CreditUnitOfWork, customer_id: str) -> Exposure:
    account = await uow.accounts.get(customer_id)
    if account is None:
        raise CustomerNotFound(customer_id)
    return exposure_of(account, await uow.receivables.open_of(customer_id))
