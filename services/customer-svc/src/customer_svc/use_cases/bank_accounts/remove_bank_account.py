"""Stop using a bank account of a customer."""

from datetime import datetime

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.bank_accounts import BankAccountNotFound
from customer_svc.use_cases.customers.customer_file import announce_change, open_file_for_change


async def remove_bank_account(
    uow: CustomerUnitOfWork, customer_id: str, account_id: str, *, now: datetime
) -> None:
    customer = await open_file_for_change(uow, customer_id)
    account = await uow.bank_accounts.get(customer.id, account_id)
    if account is None:
        raise BankAccountNotFound(account_id)
    await uow.bank_accounts.remove(account)
    await announce_change(uow, customer.id, "bank_accounts", now)
