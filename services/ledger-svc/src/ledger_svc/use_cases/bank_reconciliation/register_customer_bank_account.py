"""Register (or forget) a payer account of a customer, so transfers from it name the customer.

customer-svc owns customers' bank details and tells the ledger over REST; the ledger keeps
only the account's fingerprint and a mask, never the number.
"""

from datetime import datetime

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import CustomerAccountNotFound
from ledger_svc.domain.bank_reconciliation.bank_accounts import (
    AccountFingerprints,
    checked_iban,
    mask_iban,
)


async def register_customer_bank_account(
    uow: LedgerUnitOfWork,
    fingerprints: AccountFingerprints,
    *,
    customer_id: str,
    iban: str,
    registered_at: datetime,
) -> tuple[str, bool]:
    """(the masked account, whether it was newly registered for the customer)."""
    compact = checked_iban(iban)
    if await uow.accounts.get(customer_id) is None:
        raise CustomerAccountNotFound(customer_id)
    added = await uow.customer_bank_accounts.register(
        customer_id, fingerprints.of(compact), mask_iban(compact), registered_at
    )
    return mask_iban(compact), added


async def forget_customer_bank_account(
    uow: LedgerUnitOfWork, fingerprints: AccountFingerprints, *, customer_id: str, iban: str
) -> bool:
    """Whether the account was registered for the customer (it no longer is)."""
    return await uow.customer_bank_accounts.remove(customer_id, fingerprints.of(checked_iban(iban)))
