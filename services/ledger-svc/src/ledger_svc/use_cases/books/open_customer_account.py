"""Open the ledger account of a newly registered customer."""

from datetime import datetime

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import CustomerAccount, CustomerDirectory, UnknownCustomer


async def open_customer_account(
    uow: LedgerUnitOfWork,
    *,
    customer_id: str,
    currency: str,
    payment_terms_days: int,
    registered_at: datetime,
    code: str | None = None,
) -> bool:
    """True if the account was opened now; a repeated registration leaves the first untouched."""
    account = CustomerAccount(customer_id, currency, payment_terms_days, code=code)
    return await uow.accounts.open(account, registered_at)


async def known_account(
    uow: LedgerUnitOfWork, customer_id: str, customers: CustomerDirectory | None
) -> CustomerAccount:
    """The customer's account; one the ledger has not heard of is asked of customer-svc and
    opened from its file (the registration, arriving later, then changes nothing), else
    UnknownCustomer."""
    account = await uow.accounts.get(customer_id)
    if account is not None:
        return account
    found = await customers.find(customer_id) if customers is not None else None
    if found is None:
        raise UnknownCustomer(customer_id)
    await uow.accounts.open(found.account, found.registered_at)
    return await uow.accounts.get(customer_id) or found.account
