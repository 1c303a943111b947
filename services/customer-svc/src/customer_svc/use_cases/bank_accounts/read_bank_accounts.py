"""Read a customer's bank accounts: IBANs disclosed per role, every clear read logged."""

from datetime import datetime

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.bank_accounts import BankAccountNotFound
from customer_svc.domain.personal_data import Reader
from customer_svc.use_cases.customers.customer_file import existing_customer
from customer_svc.use_cases.personal_data.disclosure import BankAccountView, Disclosures, disclosed


async def list_bank_accounts(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    *,
    after: str | None,
    limit: int,
    now: datetime,
) -> list[BankAccountView]:
    customer = await existing_customer(uow, customer_id)
    accounts = await uow.bank_accounts.of_customer(customer.id, after=after, limit=limit)
    return disclosed(uow, vault, reader, accounts, Disclosures.bank_account, now)


async def read_bank_account(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    reader: Reader,
    customer_id: str,
    account_id: str,
    *,
    now: datetime,
) -> BankAccountView:
    account = await uow.bank_accounts.get(customer_id, account_id)
    if account is None:
        raise BankAccountNotFound(account_id)
    return disclosed(uow, vault, reader, [account], Disclosures.bank_account, now)[0]
