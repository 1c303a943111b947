"""Recording a month's collection budgets, and reading budgets and collections back."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import BigInteger, cast, delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import AllocationRow, InvoiceRow
from reporting_svc.adapters.tables_forecast import CollectionBudgetRow
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
        .where(col(a.received_on) >= first, col(a.received_on) <= last)
        .group_by(month, col(s.segment), col(i.currency))
    )
    return {(m, seg, c): int(amount) for m, seg, c, amount in await session.execute(query)}
