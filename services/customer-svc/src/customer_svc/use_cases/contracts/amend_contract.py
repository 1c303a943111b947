"""Amend a contract's terms into a new version, keeping every earlier version as it was."""

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from customer_svc.adapters.unit_of_work import CustomerUnitOfWork
from customer_svc.domain.contracts.contract import Contract, ContractStatus, amend, require_revision
from customer_svc.use_cases.contracts.announce_contract import contract_amended
from customer_svc.use_cases.contracts.lock_contract import lock_contract


async def amend_contract(
    uow: CustomerUnitOfWork,
    contract_id: str,
    *,
    changes: Mapping[str, Any],
    reason: str,
    if_revision: Collection[str] | None,
    now: datetime,
    by: str,
) -> Contract:
    contract = await lock_contract(uow, contract_id)
    require_revision(contract, if_revision)
    amended = amend(contract, changes, reason=reason, at=now, by=by)
    await uow.contracts.add_version(amended)
    if amended.status is ContractStatus.ACTIVE:
        await uow.emit(contract_amended(amended))
    return amended
