"""A credit manager overrides a referred order: its next check approves."""

from datetime import datetime

from uuid6 import uuid7

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.amounts import amount_in
from credit_svc.domain.reservations import Override
from credit_svc.use_cases.credit_standing import account_of
from ledgerflow_events.contracts.credit import CreditOverrideGranted
from ledgerflow_events.money import format_minor


async def grant_override(
    uow: CreditUnitOfWork,
    customer_id: str,
    *,
    order_reference: str,
    amount: str,
    reason: str,
    by: str,
    now: datetime,
) -> Override:
    await uow.lock_customer(customer_id)
    account = await account_of(uow, customer_id)
    override = Override(
        id=str(uuid7()),
        customer_id=customer_id,
        order_reference=order_reference,
        currency=account.currency,
        amount=amount_in(amount, account.currency, positive=True),
        reason=reason,
        granted_by=by,
        granted_at=now,
    )
    await uow.overrides.add(override)
    await uow.emit(
        CreditOverrideGranted(
            customer_id=customer_id,
            override_id=override.id,
            order_reference=order_reference,
            currency=override.currency,
            amount=format_minor(override.amount, override.currency),
            granted_at=now,
        )
    )
    return override
