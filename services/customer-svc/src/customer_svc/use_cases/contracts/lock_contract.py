"""Take a contract for a change: lock its customer's event stream, then read it as it is now."""

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.contracts.contract import Contract, ContractNotFound


async def lock_contract(uow: CustomerUnitOfWork, contract_id: str) -> Contract:
    customer_id = await uow.contracts.customer_of(contract_id)
    if customer_id is None:
        raise ContractNotFound(f"No contract with id {contract_id}.")
    # Every change of a contract locks its customer first, so reading after the lock is current.
    await uow.lock_customer(customer_id)
    contract = await uow.contracts.get(contract_id)
    assert contract is not None, "contracts are never deleted"
    return contract
