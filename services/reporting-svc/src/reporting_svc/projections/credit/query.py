"""Loading credit standing at the end of a date: the limit in force, holds in force,
credit reserved for orders in flight, and each customer's grade."""

from collections import defaultdict
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import BigInteger, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import CustomerAccountRow
from reporting_svc.adapters.tables_credit import (
    CreditHoldRow,
    CreditLimitRow,
    CreditReservationRow,
)
from reporting_svc.projections.credit.exposure import Key, Standing
from reporting_svc.projections.credit.grades import grades_at


def day_end(as_of: date) -> datetime:
    """The first instant after as_of (UTC): what is in force at the end of the day."""
    return datetime.combine(as_of + timedelta(days=1), time(), tzinfo=UTC)


async def standings_at(session: AsyncSession, as_of: date) -> dict[str, Standing]:
    end = day_end(as_of)
    lim, hold = CreditLimitRow, CreditHoldRow
    limits = (
        select(col(lim.customer_id), col(lim.currency), col(lim.limit_minor))
        .where(col(lim.effective_at) < end)
        .order_by(col(lim.effective_at), col(lim.limit_id))
    )
    holds = select(col(hold.customer_id), col(hold.reason)).where(
        col(hold.placed_at) < end,
        or_(col(hold.released_at).is_(None), col(hold.released_at) >= end),
    )
    # In time order: the last decision by the end of the day is the one in force.
    limit_of = {c: (cur, amount) for c, cur, amount in await session.execute(limits)}
    held: dict[str, list[str]] = defaultdict(list)
    for customer, reason in await session.execute(holds):
        held[customer].append(reason)
    grade_of = await grades_at(session, as_of)
    customers = set(limit_of) | set(held) | set(grade_of)
    return {
        c: Standing(limit_of.get(c), tuple(sorted(held.get(c, []))), grade_of.get(c))
        for c in customers
    }


async def reserved_at(session: AsyncSession, as_of: date) -> dict[Key, int]:
    """Reservations made by the end of as_of that had neither ended nor expired by then."""
    end = day_end(as_of)
    r = CreditReservationRow
    query = (
        select(col(r.customer_id), col(r.currency), cast(func.sum(col(r.amount_minor)), BigInteger))
        .where(
            col(r.currency) != "",
            or_(col(r.reserved_at).is_(None), col(r.reserved_at) < end),
            or_(col(r.ended_at).is_(None), col(r.ended_at) >= end),
            or_(col(r.expires_at).is_(None), col(r.expires_at) >= end),
        )
        .group_by(col(r.customer_id), col(r.currency))
    )
    return {(c, cur): int(amount) for c, cur, amount in await session.execute(query)}


async def customer_names(session: AsyncSession, customer_ids: Collection[str]) -> dict[str, str]:
    """The names customers registered under, for printed reports; unknown or unnamed: absent."""
    c = CustomerAccountRow
    query = select(col(c.id), col(c.name)).where(col(c.id).in_(sorted(customer_ids)))
    return {i: name for i, name in await session.execute(query) if name}
