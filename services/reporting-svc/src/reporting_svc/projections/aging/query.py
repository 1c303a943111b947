"""Loading receivables at a date as they were known at a time: Postgres sums each invoice's
settlements once; splitting, bucketing and grouping happen in aging_rows.py."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Select,
    Subquery,
    Text,
    and_,
    bindparam,
    cast,
    func,
    literal,
    not_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import AllocationRow, CustomerAccountRow, InvoiceRow
from reporting_svc.adapters.tables_adjustments import InvoiceAdjustmentRow
from reporting_svc.adapters.tables_groups import CustomerSegmentRow, DisputeRow, InstalmentRow
from reporting_svc.projections.aging.open_items import Instalment, OpenInvoice
from reporting_svc.projections.aging.rows import GroupBy
from reporting_svc.projections.credit.grades import grades_in_force
from reporting_svc.projections.facts.known_at import known_by


def _summed(
    row: Any, amount: Any, dated: Any, as_of: ColumnElement[date], known_at: datetime | None,
    customer_id: str | None, name: str,
) -> Subquery:  # fmt: skip
    where = [dated <= as_of, known_by(row.recorded_at, known_at)]
    if customer_id is not None:
        where.append(row.customer_id == customer_id)
    return (
        select(row.invoice_id.label("invoice_id"), cast(func.sum(amount), BigInteger).label("sum"))
        .where(*where)
        .group_by(row.invoice_id)
        .subquery(name)
    )


def _disputed(
    as_of: ColumnElement[date], known_at: datetime | None, customer_id: str | None
) -> Subquery:
    d = DisputeRow
    resolved = and_(
        col(d.resolved_on).is_not(None),
        col(d.resolved_on) <= as_of,
        known_by(d.resolved_at, known_at),
    )
    where = [col(d.opened_on) <= as_of, known_by(d.opened_at, known_at), not_(resolved)]
    if customer_id is not None:
        where.append(col(d.customer_id) == customer_id)
    return (
        select(
            col(d.invoice_id).label("invoice_id"),
            cast(func.sum(col(d.amount_minor)), BigInteger).label("sum"),
        )
        .where(*where)
        .group_by(col(d.invoice_id))
        .subquery("disputed")
    )


def open_invoice_rows(as_of: date, known_at: datetime | None, customer_id: str | None) -> Subquery:
    day = cast(literal(as_of, Date), Date)
    inv = InvoiceRow
    voided = and_(
        col(inv.voided_on).is_not(None),
        col(inv.voided_on) <= day,
        known_by(inv.voided_at, known_at),
    )
    where = [col(inv.issue_date) <= day, known_by(inv.issued_at, known_at), not_(voided)]
    if customer_id is not None:
        where.append(col(inv.customer_id) == customer_id)
    a, j = AllocationRow, InvoiceAdjustmentRow
    paid = _summed(a, col(a.amount_minor), col(a.received_on), day, known_at, customer_id, "paid")
    adjusted = _summed(
        j, col(j.reduction_minor), col(j.effective_on), day, known_at, customer_id, "adjusted"
    )
    disputed = _disputed(day, known_at, customer_id)
    owed = col(inv.total_minor) - func.coalesce(paid.c.sum, 0) - func.coalesce(adjusted.c.sum, 0)
    query: Select[*tuple[Any, ...]] = (
        select(
            col(inv.id).label("invoice_id"),
            col(inv.customer_id).label("customer_id"),
            col(inv.currency).label("currency"),
            col(inv.issue_date).label("issue_date"),
            col(inv.due_date).label("due_date"),
            col(inv.total_minor).label("total"),
            owed.label("owed"),
            func.coalesce(disputed.c.sum, 0).label("disputed"),
        )
        .outerjoin(paid, paid.c.invoice_id == col(inv.id))
        .outerjoin(adjusted, adjusted.c.invoice_id == col(inv.id))
        .outerjoin(disputed, disputed.c.invoice_id == col(inv.id))
        .where(*where)
    )
    return query.subquery("open_invoices")


async def load_open_invoices(
    session: AsyncSession, as_of: date, known_at: datetime | None, customer_id: str | None
) -> list[OpenInvoice]:
    """Every invoice with something owed at the end of `as_of`, as known at `known_at`."""
    invoices = open_invoice_rows(as_of, known_at, customer_id)
    rows = (await session.execute(select(invoices).where(invoices.c.owed > 0))).all()
    # Instalments of the open invoices only, by id: the open amounts are summed once.
    open_ids = bindparam("open_ids", [r.invoice_id for r in rows], type_=ARRAY(Text))
    parts: dict[str, list[Instalment]] = defaultdict(list)
    instalments = (
        select(
            col(InstalmentRow.invoice_id),
            col(InstalmentRow.due_date),
            col(InstalmentRow.amount_minor),
        )
        .where(col(InstalmentRow.invoice_id) == func.any(open_ids))
        .order_by(col(InstalmentRow.invoice_id), col(InstalmentRow.position))
    )
    if rows:
        for invoice_id, due_date, amount in await session.execute(instalments):
            parts[invoice_id].append(Instalment(due_date, amount))
    return [
        OpenInvoice(
            r.invoice_id,
            r.customer_id,
            r.currency,
            r.issue_date,
            r.due_date,
            int(r.total),
            int(r.owed),
            tuple(parts.get(r.invoice_id, ())),
            int(r.disputed),
        )
        for r in rows
    ]


async def load_groups(
    session: AsyncSession,
    group_by: GroupBy,
    customer_ids: Sequence[str],
    as_of: date | None = None,
) -> dict[str, list[str | None]] | None:
    """Each customer's group keys; None when grouping by customer. Grades are those in force
    at the end of `as_of` (without it, the latest)."""
    if group_by is GroupBy.CUSTOMER:
        return None
    if group_by is GroupBy.CURRENCY:
        return {}
    wanted = sorted(set(customer_ids))
    groups: dict[str, list[str | None]] = defaultdict(list)
    query: Select[Any, Any]
    if group_by is GroupBy.SEGMENT:
        s = CustomerSegmentRow
        query = select(col(s.customer_id), col(s.segment)).where(col(s.customer_id).in_(wanted))
    elif group_by is GroupBy.GRADE and as_of is not None:
        grades = grades_in_force(as_of)
        query = select(grades.c.customer_id, grades.c.grade).where(grades.c.customer_id.in_(wanted))
    else:
        c = CustomerAccountRow
        attribute = getattr(c, group_by.value)
        query = select(col(c.id), attribute).where(col(c.id).in_(wanted), attribute.is_not(None))
    for customer, key in await session.execute(query):
        groups[customer].append(key)
    return groups
