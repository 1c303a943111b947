"""Raise the early warnings a customer crosses as of a business date, once each until it
clears, opening a review for them; clear those whose cause went away."""

from datetime import date, datetime

from uuid6 import uuid7

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.behaviour import behaviour_of
from credit_svc.domain.reviews import PERIODIC, Review
from credit_svc.domain.warnings import CreditWarning, warnings_due
from credit_svc.use_cases.credit_standing import standing_now
from ledgerflow_events.contracts.credit import WarningCleared, WarningRaised


async def watch_warnings(
    uow: CreditUnitOfWork, customer_id: str, *, as_of: date, now: datetime
) -> tuple[list[CreditWarning], Review | None]:
    """The warnings raised now and the review they opened. The caller holds the lock."""
    account = await uow.accounts.get(customer_id)
    if account is None:
        return [], None
    policy = await uow.policies.in_force()
    behaviour = behaviour_of(
        await uow.behaviour.invoices_of(customer_id), await uow.behaviour.of(customer_id), as_of
    )
    due = warnings_due(
        await standing_now(uow, account, now), behaviour, policy.warning_thresholds()
    )
    open_warnings = await uow.warnings.open_of(customer_id)
    for warning in open_warnings:
        if warning.kind not in due:
            await uow.warnings.clear(warning.id, as_of)
            await uow.emit(
                WarningCleared(
                    customer_id=customer_id,
                    warning_id=warning.id,
                    kind=warning.kind,
                    cleared_on=as_of,
                )
            )
    already = {w.kind for w in open_warnings}
    raised, opened = [], None
    for kind, detail in sorted(due.items()):
        if kind in already:
            continue
        warning = CreditWarning(str(uuid7()), customer_id, kind, detail, as_of)
        if not await uow.warnings.raise_(warning):
            continue
        review = await open_review(uow, customer_id, reason=kind, on=as_of)
        opened = opened or review
        await uow.emit(
            WarningRaised(
                customer_id=customer_id,
                warning_id=warning.id,
                kind=kind,
                detail=detail,
                raised_on=as_of,
                review_id=None if review is None else review.id,
            )
        )
        raised.append(warning)
    return raised, opened


async def open_review(
    uow: CreditUnitOfWork, customer_id: str, *, reason: str, on: date
) -> Review | None:
    """Open a review; None when the customer already has one open (later causes join it)."""
    review = Review(str(uuid7()), customer_id, reason, on)
    return review if await uow.reviews.open_if_none(review) else None


async def open_periodic_review(uow: CreditUnitOfWork, customer_id: str, on: date) -> Review | None:
    return await open_review(uow, customer_id, reason=PERIODIC, on=on)
