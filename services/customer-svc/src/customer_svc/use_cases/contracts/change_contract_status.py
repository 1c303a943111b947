"""Move a contract along its lifecycle: sign it, complete it or terminate it."""

from collections.abc import Collection
from datetime import date, datetime

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.contracts.contract import Contract, ContractStatus, move, require_revision
from customer_svc.use_cases.contracts.announce_contract import contract_closed, contract_signed
from customer_svc.use_cases.contracts.lock_contract import lock_contract


async def change_contract_status(
    uow: CustomerUnitOfWork,
    contract_id: str,
    *,
    to: ContractStatus,
    reason: str | None,
    effective_on: date | None,
    if_revision: Collection[str] | None,
    now: datetime,
    by: str,
) -> Contract:
    """`effective_on` is the business date of the move; it defaults to today."""
    contract = await lock_contract(uow, contract_id)
    require_revision(contract, if_revision)
    moved, change = move(
        contract, to, effective_on=effective_on or now.date(), reason=reason, at=now, by=by
    )
    await uow.contracts.add_status_change(moved, change)
    if to is ContractStatus.ACTIVE:
        await uow.emit(contract_signed(moved, activated_on=change.effective_on))
    elif change.from_status is ContractStatus.ACTIVE:
        # Only a contract the platform heard was signed is announced as closed.
        await uow.emit(contract_closed(moved, change))
    return moved
