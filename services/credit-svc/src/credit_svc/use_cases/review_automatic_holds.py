"""Place the automatic holds whose cause now holds and release those whose cause cleared.

Runs after every fact that moves exposure or lateness and after every limit change, as of
the business date of that fact, so holds follow the ledger without a person watching.
"""

from datetime import date, datetime

from uuid6 import uuid7

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.exposure import CustomerNotFound
from credit_svc.domain.holds import (
    CREDIT_CONTROL,
    JUDGED_CAUSES,
    Hold,
    HoldReason,
    automatic_causes,
    release_cleared,
)
from ledgerflow_events.contracts.credit import HoldPlaced, HoldReleased


async def review_automatic_holds(
    uow: CreditUnitOfWork, customer_id: str, *, as_of: date, now: datetime
) -> None:
    await uow.lock_customer(customer_id)
    await review_holds_under_lock(uow, customer_id, as_of=as_of, now=now)


async def review_holds_under_lock(
    uow: CreditUnitOfWork, customer_id: str, *, as_of: date, now: datetime
) -> None:
    """As review_automatic_holds, where the caller took the customer's lock already."""
    found = await uow.standings.of(customer_id, now=now)
    if found is None:
        raise CustomerNotFound(customer_id)
    policy = await uow.policies.in_force_at(found.policy_version, found.policy_revision)
    causes = automatic_causes(found.standing, as_of, policy.terms_of(found.account.grade))
    # A returned payment holds until every invoice it had paid is settled again.
    if policy.rules.get("hold_on_returned_payment", False) and found.returned_payment_unpaid:
        causes.add(HoldReason.RETURNED_PAYMENT)
    open_holds = found.open_holds
    held_for = {h.reason for h in open_holds}
    for reason in sorted(causes - held_for):
        await place_hold(uow, customer_id, reason, placed_by=CREDIT_CONTROL, now=now)
    cleared = [h for h in open_holds if h.reason in JUDGED_CAUSES and h.reason not in causes]
    await release_holds(uow, open_holds, cleared, now)


async def place_hold(
    uow: CreditUnitOfWork,
    customer_id: str,
    reason: HoldReason,
    *,
    placed_by: str,
    now: datetime,
    note: str | None = None,
) -> Hold | None:
    """Place a hold and tell; None when an automatic hold for that cause was already open."""
    hold = Hold(str(uuid7()), customer_id, reason, now, placed_by, note)
    if not await uow.holds.place(hold):
        return None
    await uow.emit(
        HoldPlaced(customer_id=customer_id, hold_id=hold.id, reason=reason, placed_at=now)
    )
    return hold


async def release_holds(
    uow: CreditUnitOfWork, open_holds: list[Hold], released: list[Hold], now: datetime
) -> None:
    """Release these of the customer's open holds as their causes cleared, and tell."""
    still_open = {h.id for h in open_holds}
    for hold in released:
        await uow.holds.save_release(release_cleared(hold, now))
        still_open.discard(hold.id)
        await emit_release(uow, hold, now, on_hold=bool(still_open))


async def emit_release(uow: CreditUnitOfWork, hold: Hold, now: datetime, *, on_hold: bool) -> None:
    await uow.emit(
        HoldReleased(
            customer_id=hold.customer_id,
            hold_id=hold.id,
            reason=hold.reason,
            released_at=now,
            on_hold=on_hold,
        )
    )
