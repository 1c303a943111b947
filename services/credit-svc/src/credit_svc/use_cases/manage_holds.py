"""Holds a credit manager places and releases by hand, and collections' stop-supply."""

from datetime import datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.holds import (
    CREDIT_CONTROL,
    Hold,
    HoldNotFound,
    HoldReason,
    release_by_hand,
)
from credit_svc.use_cases.credit_standing import account_of
from credit_svc.use_cases.review_automatic_holds import emit_release, place_hold, release_holds


async def place_manual_hold(
    uow: CreditUnitOfWork, customer_id: str, *, note: str, by: str, now: datetime
) -> Hold:
    await uow.lock_customer(customer_id)
    await account_of(uow, customer_id)
    hold = await place_hold(uow, customer_id, HoldReason.MANUAL, placed_by=by, now=now, note=note)
    assert hold is not None, "manual holds are never deduplicated by cause"
    return hold


async def release_manual_hold(
    uow: CreditUnitOfWork, hold_id: str, *, note: str, by: str, now: datetime
) -> Hold:
    hold = await uow.holds.get(hold_id)
    if hold is None:
        raise HoldNotFound(hold_id)
    await uow.lock_customer(hold.customer_id)
    released = release_by_hand(hold, by=by, note=note, now=now)
    await uow.holds.save_release(released)
    others = [h for h in await uow.holds.open_of(hold.customer_id) if h.id != hold.id]
    await emit_release(uow, released, now, on_hold=bool(others))
    return released


async def stop_supply(uow: CreditUnitOfWork, customer_id: str, now: datetime) -> None:
    """Collections escalated to stop supply: hold the customer until its case closes.

    Held even before credit knows the account: escalation must never wait for registration.
    """
    await uow.lock_customer(customer_id)
    await place_hold(uow, customer_id, HoldReason.STOP_SUPPLY, placed_by=CREDIT_CONTROL, now=now)


async def resume_supply(uow: CreditUnitOfWork, customer_id: str, now: datetime) -> None:
    """The customer's collection case closed: the stop-supply hold's cause cleared."""
    await uow.lock_customer(customer_id)
    open_holds = await uow.holds.open_of(customer_id)
    stopped = [h for h in open_holds if h.reason is HoldReason.STOP_SUPPLY]
    await release_holds(uow, open_holds, stopped, now)
