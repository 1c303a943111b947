"""Credit-svc's limits, holds and reservations: exposure against limits, who is on hold."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.credit import (
    CreditLimitChanged,
    CreditReservationEnded,
    CreditReserved,
    HoldPlaced,
    HoldReleased,
)
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.facts.credit_records import (
    Reserved,
    record_hold,
    record_limit,
    record_reservation_ended,
    record_reservations,
)


async def on_credit_limit_changed(
    session: AsyncSession, event: ReceivedEvent[CreditLimitChanged]
) -> None:
    d = event.data
    limit = None if d.credit_limit is None else to_minor(d.credit_limit, d.currency)
    await record_limit(session, d.limit_id, d.customer_id, d.currency, limit, d.effective_at)


async def on_hold_placed(session: AsyncSession, event: ReceivedEvent[HoldPlaced]) -> None:
    d = event.data
    await record_hold(session, d.hold_id, d.customer_id, d.reason, placed_at=d.placed_at)


async def on_hold_released(session: AsyncSession, event: ReceivedEvent[HoldReleased]) -> None:
    d = event.data
    await record_hold(session, d.hold_id, d.customer_id, d.reason, released_at=d.released_at)


async def on_credit_reserved(
    session: AsyncSession, run: Sequence[ReceivedEvent[CreditReserved]]
) -> None:
    """Every order checked with reserve: true brings one: applied a consumer's run at once."""
    reserved = [
        Reserved(
            reservation_id=e.data.reservation_id,
            customer_id=e.data.customer_id,
            currency=e.data.currency,
            amount=to_minor(e.data.amount, e.data.currency),
            reserved_at=e.envelope.time,
            expires_at=e.data.expires_at,
        )
        for e in run
    ]
    await record_reservations(session, reserved)


async def on_reservation_ended(
    session: AsyncSession, event: ReceivedEvent[CreditReservationEnded]
) -> None:
    d = event.data
    await record_reservation_ended(session, d.reservation_id, d.customer_id, d.ended_at)
