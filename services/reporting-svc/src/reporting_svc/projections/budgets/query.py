"""Recording a month's collection budgets, and reading budgets and collections back."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import BigInteger, cast, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import AllocationRow, InvoiceRow
from reporting_svc.adapters.tables_forecast import CollectionBudgetMonthRow, CollectionBudgetRow
from reporting_svc.adapters.tables_groups import CustomerSegmentRow
from reporting_svc.projections.budgets.budgets import BudgetLine

Key = tuple[str, str | None, str]  # month, segment (None: customers in none), currency


async def replace_budgets(session: AsyncSession, month: str, lines: Sequence[BudgetLine]) -> None:
    """The month's budgets are exactly these from now on."""
    await session.execute(
        delete(CollectionBudgetRow).where(col(CollectionBudgetRow.month) == month)
    )
    if lines:
        rows = [{"month": month, "segment": b.segment, "currency": b.currency,
                 "amount_minor": b.amount} for b in lines]  # fmt: skip
        await session.execute(insert(CollectionBudgetRow).values(rows))


async def locked_version(session: AsyncSession, month: str) -> int:
    """The month's budgets version (0: never set), locked until the transaction ends."""
    m = CollectionBudgetMonthRow
    await session.execute(insert(m).values(month=month, version=0).on_conflict_do_nothing())
    query = select(col(m.version)).where(col(m.month) == month).with_for_update()
    return int((await session.execute(query)).scalar_one())


async def record_version(session: AsyncSession, month: str, version: int) -> None:
    m = CollectionBudgetMonthRow
    await session.execute(update(m).where(col(m.month) == month).values(version=version))


async def month_budgets(session: AsyncSession, month: str) -> tuple[int, list[BudgetLine]]:
    """The month's version (0: never set) and its budget lines, by segment and currency."""
    m, b = CollectionBudgetMonthRow, CollectionBudgetRow
    version = (await session.execute(select(col(m.version)).where(col(m.month) == month))).scalar()
    query = (
        select(col(b.segment), col(b.currency), col(b.amount_minor))
        .where(col(b.month) == month)
        .order_by(col(b.segment), col(b.currency))
    )
    lines = [BudgetLine(s, c, int(a)) for s, c, a in await session.execute(query)]
    return int(version or 0), lines


async def budgets_between(session: AsyncSession, first: str, last: str) -> dict[Key, int]:
    b = CollectionBudgetRow
    query = select(col(b.month), col(b.segment), col(b.currency), col(b.amount_minor)).where(
        col(b.month) >= first, col(b.month) <= last
    )
    return {(m, s, c): int(a) for m, s, c, a in await session.execute(query)}


async def collected_between(session: AsyncSession, first: date, last: date) -> dict[Key, int]:
    a, i, s = AllocationRow, InvoiceRow, CustomerSegmentRow
    month = func.to_char(col(a.received_on), "YYYY-MM")
    query = (
        select(
            month, col(s.segment), col(i.currency), cast(func.sum(col(a.amount_minor)), BigInteger)
        )
        .join(i, col(i.id) == col(a.invoice_id))
        .outerjoin(s, col(s.customer_id) == col(a.customer_id))
        .where(col(a.received_on) >= first, col(a.received_on) <= last, ~col(a.opening))
        .group_by(month, col(s.segment), col(i.currency))
    )
    return {(m, seg, c): int(amount) for m, seg, c, amount in await session.execute(query)}
