"""Set how late fees are charged in one currency."""

from decimal import Decimal

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.adjustments.late_fee import LateFeeKind, LateFeePolicy, late_fee_policy


async def set_late_fee_policy(
    uow: LedgerUnitOfWork,
    *,
    currency: str,
    kind: LateFeeKind,
    amount: str | None,
    percent_per_month: Decimal | None,
    grace_days: int,
    set_by: str,
) -> LateFeePolicy:
    """Replace the currency's policy; runs from now on charge by it."""
    policy = late_fee_policy(
        currency, kind, amount=amount, percent_per_month=percent_per_month, grace_days=grace_days
    )
    await uow.late_fees.set_policy(policy, set_by=set_by)
    return policy
