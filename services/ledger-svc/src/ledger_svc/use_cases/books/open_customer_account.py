"""Open the ledger account of a newly registered customer."""

from datetime import datetime

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import CustomerAccount


async def open_customer_account(
    uow: LedgerUnitOfWork,
    *,
    customer_id: str,
    currency: str,
    payment_terms_days: int,
    registered_at: datetime,
) -> bool:
    """True if the account was opened now; a repeated registration leaves the first untouched."""
    account = CustomerAccount(customer_id, currency, payment_terms_days)
    return await uow.accounts.open(account, registered_at)
