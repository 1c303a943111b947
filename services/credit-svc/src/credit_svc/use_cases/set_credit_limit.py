"""A credit manager sets a customer's limit; a large increase waits for a second one."""

from collections.abc import Callable
from datetime import datetime

from uuid6 import uuid7

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.amounts import amount_in, same_currency
from credit_svc.domain.limits import (
    CreditLimit,
    LimitNotFound,
    LimitStatus,
    approve_limit,
    request_limit,
)
from credit_svc.use_cases.credit_standing import account_of
from credit_svc.use_cases.review_automatic_holds import review_automatic_holds
from ledgerflow_events.contracts.credit import CreditLimitChanged
from ledgerflow_events.money import format_minor


async def set_credit_limit(
    uow: CreditUnitOfWork,
    customer_id: str,
    *,
    amount: str,
    currency: str | None,
    reason: str,
    threshold_of: Callable[[str], int],
    by: str,
    now: datetime,
) -> CreditLimit:
    await uow.lock_customer(customer_id)
    account = await account_of(uow, customer_id)
    same_currency(currency, account.currency)
    in_force = await uow.limits.in_force(customer_id)
    limit = request_limit(
        limit_id=str(uuid7()),
        customer_id=customer_id,
        currency=account.currency,
        amount=amount_in(amount, account.currency),
        in_force=in_force.amount if in_force else None,
        threshold=threshold_of(account.currency),
        reason=reason,
        requested_by=by,
        now=now,
    )
    if limit.status is LimitStatus.PENDING_APPROVAL:
        await uow.limits.save(limit)
    else:
        await _bring_into_force(uow, limit, now)
    return limit


async def approve_credit_limit(
    uow: CreditUnitOfWork, limit_id: str, *, by: str, now: datetime
) -> CreditLimit:
    pending = await uow.limits.get(limit_id, for_update=True)
    if pending is None:
        raise LimitNotFound(limit_id)
    await uow.lock_customer(pending.customer_id)
    in_force = await uow.limits.in_force(pending.customer_id)
    approved = approve_limit(
        pending, approver=by, in_force=in_force.amount if in_force else None, now=now
    )
    await _bring_into_force(uow, approved, now)
    return approved


async def _bring_into_force(uow: CreditUnitOfWork, limit: CreditLimit, now: datetime) -> None:
    await uow.limits.bring_into_force(limit)
    previous = limit.previous_amount
    await uow.emit(
        CreditLimitChanged(
            customer_id=limit.customer_id,
            limit_id=limit.id,
            currency=limit.currency,
            previous_limit=None if previous is None else format_minor(previous, limit.currency),
            credit_limit=format_minor(limit.amount, limit.currency),
            reason=limit.reason,
            effective_at=now,
        )
    )
    # A lower limit can put the customer over it; a higher one can lift an over-limit hold.
    await review_automatic_holds(uow, limit.customer_id, as_of=now.date(), now=now)
