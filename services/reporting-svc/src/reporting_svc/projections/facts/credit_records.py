"""Recording credit-svc's limits, holds and reservations, once each whatever the redeliveries;
an ending that arrives before its beginning is kept and completed when the beginning comes."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables_credit import (
    CreditHoldRow,
    CreditLimitRow,
    CreditReservationRow,
    GradeChangeRow,
)


async def record_limit(
    session: AsyncSession,
    limit_id: str,
    customer_id: str,
    currency: str,
    limit: int | None,
    effective_at: datetime,
) -> None:
    await session.execute(
        insert(CreditLimitRow)
        .values(
            limit_id=limit_id,
            customer_id=customer_id,
            currency=currency,
            limit_minor=limit,
            effective_at=effective_at,
        )
        .on_conflict_do_nothing()
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
    row = CreditHoldRow
    statement = insert(row).values(
        hold_id=hold_id, customer_id=customer_id, reason=reason,
        placed_at=placed_at, released_at=released_at,
    )  # fmt: skip
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[col(CreditHoldRow.hold_id)],
            set_={
                "placed_at": func.coalesce(
                    col(CreditHoldRow.placed_at), statement.excluded.placed_at
                ),
                "released_at": func.coalesce(
                    col(CreditHoldRow.released_at), statement.excluded.released_at
                ),
            },
        )
    )


async def record_reservation(
    session: AsyncSession,
    reservation_id: str,
    customer_id: str,
    *,
    currency: str = "",
    amount: int = 0,
    reserved_at: datetime | None = None,
    expires_at: datetime | None = None,
    ended_at: datetime | None = None,
) -> None:
    statement = insert(CreditReservationRow).values(
        reservation_id=reservation_id, customer_id=customer_id, currency=currency,
        amount_minor=amount, reserved_at=reserved_at, expires_at=expires_at, ended_at=ended_at,
    )  # fmt: skip
    row = CreditReservationRow
    update: dict[str, Any]
    if ended_at is not None:
        update = {"ended_at": func.coalesce(col(row.ended_at), statement.excluded.ended_at)}
    else:
        terms = ("currency", "amount_minor", "reserved_at", "expires_at")
        update = {name: statement.excluded[name] for name in terms}
    await session.execute(
        statement.on_conflict_do_update(index_elements=[col(row.reservation_id)], set_=update)
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
        insert(GradeChangeRow)
        .values(
            assessment_id=assessment_id,
            customer_id=customer_id,
            grade=grade,
            effective_on=effective_on,
            recorded_at=recorded_at,
        )
        .on_conflict_do_nothing()
    )
