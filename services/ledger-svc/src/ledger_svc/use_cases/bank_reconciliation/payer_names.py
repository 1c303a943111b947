"""The names a customer pays under: its legal name as customer-svc registers it, and aliases
someone adds (a trading name, how its bank writes it), so its transfers name it."""

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.account import CustomerAccountNotFound
from ledger_svc.domain.bank_reconciliation.payer_names import checked_name_key, name_key


async def remember_legal_name(uow: LedgerUnitOfWork, *, customer_id: str, name: str) -> None:
    if key := name_key(name):
        await uow.payer_names.set_legal_name(customer_id, name, key)


async def add_payer_alias(uow: LedgerUnitOfWork, *, customer_id: str, name: str) -> bool:
    """Whether the alias is new for the customer."""
    key = checked_name_key(name)
    if await uow.accounts.get(customer_id) is None:
        raise CustomerAccountNotFound(customer_id)
    return await uow.payer_names.add_alias(customer_id, name.strip(), key)


async def remove_payer_alias(uow: LedgerUnitOfWork, *, customer_id: str, name: str) -> bool:
    return await uow.payer_names.remove_alias(customer_id, checked_name_key(name))
