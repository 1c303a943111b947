"""Recording credit-svc's limits, holds and reservations, once each whatever the redeliveries;
an ending that arrives before its beginning is kept and completed when the beginning comes.

Each statement is built once, on the tables rather than the row classes: a reservation comes
with every credit check an order system makes, and building and caching an ORM upsert anew for
each cost more CPU than the rest of applying the event."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, func
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession

from reporting_svc.adapters.tables_credit import (
    CreditHoldRow,
    CreditLimitRow,
    CreditReservationRow,
    GradeChangeRow,
)


def _table(row: type) -> Table:
    return row.__table__  # type: ignore[attr-defined, no-any-return]


def _kept_once(row: type) -> Insert:
    return insert(_table(row)).on_conflict_do_nothing()


def _completed(
    row: type, key: str, keep_first: tuple[str, ...], terms: tuple[str, ...] = ()
) -> Insert:
    """An upsert on `key` that fills `keep_first` where still empty and overwrites `terms`."""
    table = _table(row)
    statement = insert(table)
    update: dict[str, Any] = {
        name: func.coalesce(table.c[name], statement.excluded[name]) for name in keep_first
    }
    update |= {name: statement.excluded[name] for name in terms}
    return statement.on_conflict_do_update(index_elements=[table.c[key]], set_=update)


_LIMIT = _kept_once(CreditLimitRow)
_GRADE = _kept_once(GradeChangeRow)
_HOLD = _completed(CreditHoldRow, "hold_id", ("placed_at", "released_at"))
_RESERVED = _completed(
    CreditReservationRow,
    "reservation_id",
    (),
    ("currency", "amount_minor", "reserved_at", "expires_at"),
)
_RESERVATION_ENDED = _completed(CreditReservationRow, "reservation_id", ("ended_at",))


async def record_limit(
    session: AsyncSession,
    limit_id: str,
    customer_id: str,
    currency: str,
    limit: int | None,
    effective_at: datetime,
) -> None:
    await session.execute(
        _LIMIT,
        {
            "limit_id": limit_id,
            "customer_id": customer_id,
            "currency": currency,
            "limit_minor": limit,
            "effective_at": effective_at,
        },
    )


async def record_hold(
    session: AsyncSession,
    hold_id: str,
    customer_id: str,
    reason: str,
    *,
    placed_at: datetime | None = None,
    released_at: datetime | None = None,
) -> None:
    await session.execute(
        _HOLD,
        {
            "hold_id": hold_id,
            "customer_id": customer_id,
            "reason": reason,
            "placed_at": placed_at,
            "released_at": released_at,
        },
    )


async def record_reservation_ended(
    session: AsyncSession, reservation_id: str, customer_id: str, ended_at: datetime
) -> None:
    await session.execute(
        _RESERVATION_ENDED,
        {
            "reservation_id": reservation_id,
            "customer_id": customer_id,
            "currency": "",
            "amount_minor": 0,
            "reserved_at": None,
            "expires_at": None,
            "ended_at": ended_at,
        },
    )


@dataclass(frozen=True)
class Reserved:
    reservation_id: str
    customer_id: str
    currency: str
    amount: int
    reserved_at: datetime
    expires_at: datetime


async def record_reservations(session: AsyncSession, reserved: Sequence[Reserved]) -> None:
    """Reservations as credit-svc placed them, in one call for a consumer's run of them."""
    await session.execute(
        _RESERVED,
        [
            {
                "reservation_id": r.reservation_id,
                "customer_id": r.customer_id,
                "currency": r.currency,
                "amount_minor": r.amount,
                "reserved_at": r.reserved_at,
                "expires_at": r.expires_at,
            }
            for r in reserved
        ],
    )


async def record_grade_change(
    session: AsyncSession,
    assessment_id: str,
    customer_id: str,
    grade: str,
    effective_on: date,
    recorded_at: datetime | None,
) -> None:
    """A grade in force from `effective_on`, kept once whatever the redeliveries."""
    await session.execute(
        _GRADE,
        {
            "assessment_id": assessment_id,
            "customer_id": customer_id,
            "grade": grade,
            "effective_on": effective_on,
            "recorded_at": recorded_at,
        },
    )
