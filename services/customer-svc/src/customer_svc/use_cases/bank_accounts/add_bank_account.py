"""Record an account a customer pays from or is refunded to."""

from datetime import datetime

from uuid6 import uuid7

from customer_svc.adapters.personal_data.vault import PersonalDataVault
from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain import personal_data as pd
from customer_svc.domain.bank_accounts import BankAccount, DuplicateBankAccount, bank_details
from customer_svc.use_cases.customers.customer_file import announce_change, open_file_for_change


async def add_bank_account(
    uow: CustomerUnitOfWork,
    vault: PersonalDataVault,
    customer_id: str,
    *,
    iban: str,
    bic: str | None,
    currency: str | None,
    now: datetime,
) -> BankAccount:
    customer = await open_file_for_change(uow, customer_id)
    details = bank_details(iban, bic, currency)
    sealed = vault.seal(pd.BANK_ACCOUNT_IBAN, details.iban, indexed=True)
    assert sealed.index is not None
    if (existing := await uow.bank_accounts.holding(customer.id, sealed.index)) is not None:
        raise DuplicateBankAccount(existing)
    account = BankAccount(
        id=str(uuid7()),
        customer_id=customer.id,
        iban=sealed,
        bic=details.bic,
        currency=details.currency,
        created_at=now,
    )
    uow.bank_accounts.add(account)
    await announce_change(uow, customer.id, "bank_accounts", now)
    return account
