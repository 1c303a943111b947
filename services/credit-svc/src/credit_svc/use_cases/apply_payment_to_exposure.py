"""A payment shrinks exposure to what the ledger says is still open on each invoice it paid."""

from collections.abc import Mapping
from datetime import date, datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import open_account
from credit_svc.use_cases.review_automatic_holds import review_holds_under_lock


async def apply_payment_to_exposure(
    uow: CreditUnitOfWork,
    *,
    customer_id: str,
    currency: str,
    open_after: Mapping[str, int],
    as_of: date,
    now: datetime,
) -> None:
    """`open_after` maps each invoice the payment was applied to onto its open amount after it."""
    # Under the customer's lock from the first write: the lock and the writes go together.
    await uow.lock_and_restate_open(open_account(customer_id, currency), open_after)
    await review_holds_under_lock(uow, customer_id, as_of=as_of, now=now)
