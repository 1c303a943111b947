"""The aging report, computed by Postgres in one grouped query so it scales with the ledger."""

from datetime import date
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Row,
    Select,
    Subquery,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import AllocationRow, InvoiceRow
from reporting_svc.adapters.tables_adjustments import InvoiceAdjustmentRow
from reporting_svc.projections.aging import (
    BUCKETS,
    AgedAmounts,
    AgingReport,
    Bucket,
    CurrencyAging,
    CustomerAging,
)


def _in_bucket(bucket: Bucket, days: ColumnElement[int]) -> ColumnElement[bool]:
    bounds: list[ColumnElement[bool]] = []
    if bucket.first_day is not None:
        bounds.append(days >= bucket.first_day)
    if bucket.last_day is not None:
        bounds.append(days <= bucket.last_day)
    return and_(true(), *bounds)


def _adjusted_by(as_of_date: ColumnElement[date], customer_id: str | None) -> Subquery:
    """Each invoice's net reduction from adjustments effective by the date, summed once."""
    effective = [col(InvoiceAdjustmentRow.effective_on) <= as_of_date]
    if customer_id is not None:
        effective.append(col(InvoiceAdjustmentRow.customer_id) == customer_id)
    return (
        select(
            col(InvoiceAdjustmentRow.invoice_id).label("invoice_id"),
            cast(func.sum(col(InvoiceAdjustmentRow.reduction_minor)), BigInteger).label(
                "reduction"
            ),
        )
        .where(*effective)
        .group_by(col(InvoiceAdjustmentRow.invoice_id))
        .subquery("adjusted")
    )


def _aging_query(as_of: date, customer_id: str | None) -> Select[*tuple[Any, ...]]:
    as_of_date = cast(literal(as_of, Date), Date)
    # Allocations summed once per invoice and hash-joined: one pass over each table.
    paid_by = [col(AllocationRow.received_on) <= as_of_date]
    issued_by = [
        col(InvoiceRow.issue_date) <= as_of_date,
        or_(col(InvoiceRow.voided_on).is_(None), col(InvoiceRow.voided_on) > as_of_date),
    ]
    if customer_id is not None:
        paid_by.append(col(AllocationRow.customer_id) == customer_id)
        issued_by.append(col(InvoiceRow.customer_id) == customer_id)
    received = (
        select(
            col(AllocationRow.invoice_id).label("invoice_id"),
            cast(func.sum(col(AllocationRow.amount_minor)), BigInteger).label("amount"),
        )
        .where(*paid_by)
        .group_by(col(AllocationRow.invoice_id))
        .subquery("received")
    )
    adjusted = _adjusted_by(as_of_date, customer_id)
    issued: Select[*tuple[Any, ...]] = (
        select(
            col(InvoiceRow.customer_id).label("customer_id"),
            col(InvoiceRow.currency).label("currency"),
            (as_of_date - col(InvoiceRow.due_date)).label("days_past_due"),
            (
                col(InvoiceRow.total_minor)
                - func.coalesce(received.c.amount, 0)
                - func.coalesce(adjusted.c.reduction, 0)
            ).label("open_amount"),
        )
        .select_from(InvoiceRow)
        .outerjoin(received, received.c.invoice_id == col(InvoiceRow.id))
        .outerjoin(adjusted, adjusted.c.invoice_id == col(InvoiceRow.id))
        .where(*issued_by)
    )
    invoices = issued.subquery("aged_invoices")
    buckets = [
        cast(
            func.coalesce(
                func.sum(invoices.c.open_amount).filter(
                    _in_bucket(bucket, invoices.c.days_past_due)
                ),
                0,
            ),
            BigInteger,
        ).label(bucket.name)
        for bucket in BUCKETS
    ]
    # One pass yields both the customer rows and, where customer_id is grouped away, the totals.
    is_total = func.grouping(invoices.c.customer_id).label("is_total")
    return (
        select(invoices.c.customer_id, invoices.c.currency, is_total, *buckets)
        .where(invoices.c.open_amount > 0)
        .group_by(
            func.grouping_sets(
                tuple_(invoices.c.currency, invoices.c.customer_id),
                tuple_(invoices.c.currency),
            )
        )
        # Byte order, so ids sort the same here as anywhere else.
        .order_by(
            is_total,
            invoices.c.customer_id.collate("C"),
            invoices.c.currency.collate("C"),
        )
    )


def _amounts(row: Row[tuple[object, ...]]) -> AgedAmounts:
    return AgedAmounts(**{b.name: int(row._mapping[b.name]) for b in BUCKETS})


async def aging_report(
    session: AsyncSession, as_of: date, customer_id: str | None = None
) -> AgingReport:
    result = await session.execute(_aging_query(as_of, customer_id))
    rows: list[CustomerAging] = []
    totals: list[CurrencyAging] = []
    for row in result:
        if row.is_total:
            totals.append(CurrencyAging(row.currency, _amounts(row)))
        else:
            rows.append(CustomerAging(row.customer_id, row.currency, _amounts(row)))
    return AgingReport(as_of, tuple(rows), tuple(totals))
