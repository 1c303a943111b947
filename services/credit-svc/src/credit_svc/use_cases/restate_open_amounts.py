"""The ledger restated what is still owed on some invoices; exposure takes those amounts as told.

Credit notes, write-offs, payment reversals and credit applications all carry the open amount
after them, so setting it (not adding or subtracting) makes a redelivery harmless. An invoice
once past due keeps its overdue mark, so money owed again on it counts as overdue again.
"""

from collections.abc import Mapping
from datetime import date, datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import open_account
from credit_svc.use_cases.review_automatic_holds import review_holds_under_lock


async def restate_open_amounts(
    uow: CreditUnitOfWork,
    *,
    customer_id: str,
    currency: str,
    open_after: Mapping[str, int],
    as_of: date,
    now: datetime,
) -> None:
    """`open_after` maps each invoice the fact touched onto its open amount after it."""
    await uow.lock_and_restate_open(open_account(customer_id, currency), open_after)
    await review_holds_under_lock(uow, customer_id, as_of=as_of, now=now)
