"""Put a customer's contract on file, as a draft or already signed."""

from datetime import date, datetime

from uuid6 import uuid7

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.contracts.contract import (
    Contract,
    ContractCustomerNotFound,
    ContractNumberTaken,
    ContractStatus,
    new_contract,
)
from customer_svc.domain.contracts.terms import contract_terms
from customer_svc.domain.customers.lifecycle import check_open
from customer_svc.use_cases.contracts.announce_contract import contract_signed


async def create_contract(
    uow: CustomerUnitOfWork,
    *,
    customer_id: str,
    number: str,
    project: str,
    signed_on: date | None,
    total: str,
    currency: str | None,
    payment_terms_days: int | None,
    payment_cycle: str | None,
    notes: str | None,
    status: ContractStatus,
    now: datetime,
    by: str,
) -> Contract:
    """Currency and payment terms default to the customer's own."""
    customer = await uow.customers.get(customer_id)
    if customer is None:
        raise ContractCustomerNotFound(f"No customer with id {customer_id}.", field="customer_id")
    # Closing is final: no new business with a closed customer. (A complaint is still heard.)
    check_open(customer_id, customer.status)
    terms = contract_terms(
        project=project,
        signed_on=signed_on,
        currency=currency or customer.currency,
        total=total,
        payment_terms_days=(
            customer.payment_terms_days if payment_terms_days is None else payment_terms_days
        ),
        payment_cycle=payment_cycle,
        notes=notes,
    )
    contract = new_contract(
        contract_id=str(uuid7()),
        customer_id=customer_id,
        number=number,
        terms=terms,
        status=status,
        at=now,
        by=by,
    )
    await uow.lock_customer(customer_id)
    if not await uow.contracts.add(contract):
        existing = await uow.contracts.id_of_number(contract.number)
        raise ContractNumberTaken(contract.number, existing or "unknown")
    if contract.status is ContractStatus.ACTIVE:
        await uow.emit(contract_signed(contract, activated_on=now.date()))
    return contract
