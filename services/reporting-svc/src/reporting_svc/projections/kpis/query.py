"""Loading the KPI inputs: receivables at a date (as aging computes them) and sales facts, both
as known at a time when one is given."""

from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import AllocationRow, InvoiceRow
from reporting_svc.adapters.tables_sales import CreditNoteRow, LateFeeInvoiceRow
from reporting_svc.projections.aging.buckets import AgingBucket
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.report_query import age_in_database
from reporting_svc.projections.aging.rows import GroupBy
from reporting_svc.projections.facts.known_at import known_by
from reporting_svc.projections.kpis.inputs import Key, Owed, SaleFact
from reporting_svc.projections.kpis.key_range import EVERY_KEY, KeyRange

# Receivables split in two: not past due at as_of (due on or after it), and past due.
_CURRENT_AND_PAST_DUE = (AgingBucket("current", None, 0), AgingBucket("past due", 1, None))


async def owed_at(
    session: AsyncSession,
    as_of: date,
    customer_id: str | None,
    known_at: datetime | None = None,
    keys: KeyRange = EVERY_KEY,
) -> dict[Key, Owed]:
    """Receivables and current per customer and currency, summed in Postgres by the aging's
    own statement (per instalment, as known at `known_at`): a book's open invoices are not
    loaded into Python for two sums each. Only the keys in `keys` are read."""
    aging = await age_in_database(
        session, as_of, known_at, customer_id, _CURRENT_AND_PAST_DUE,
        AgingBasis.DUE_DATE, GroupBy.CUSTOMER, after=keys.after, through=keys.through,
    )  # fmt: skip
    return {
        (row.group, row.currency): Owed(sum(row.amounts), row.amounts[0])
        for row in aging.rows
        if row.group is not None and any(row.amounts)
    }


async def sale_facts(
    session: AsyncSession,
    after: date,
    through: date,
    customer_id: str | None,
    known_at: datetime | None = None,
    keys: KeyRange = EVERY_KEY,
) -> list[SaleFact]:
    """Invoices (but late fees) and credit notes issued in (after, through], as known at
    `known_at`: a void recorded after it has not happened yet. Only the keys in `keys`.
    Opening balances are marked, with what they still owed at the cut-over."""
    inv, note, paid = InvoiceRow, CreditNoteRow, AllocationRow
    late_fees = select(col(LateFeeInvoiceRow.invoice_id))
    voided_on = case((known_by(col(inv.voided_at), known_at), col(inv.voided_on)), else_=None)
    # An opening balance counts what it still owed at the cut-over: less what it had been
    # paid, read by invoice for the opening balances only.
    paid_before = select(func.coalesce(func.sum(col(paid.amount_minor)), 0)).where(
        col(paid.invoice_id) == col(inv.id),
        col(paid.opening),
        known_by(col(paid.recorded_at), known_at),
    )
    total = col(inv.total_minor)
    amount = case((col(inv.opening), total - paid_before.scalar_subquery()), else_=total)
    invoices = select(
        col(inv.customer_id), col(inv.currency), col(inv.issue_date),
        amount, voided_on, col(inv.opening),
    ).where(
        col(inv.issue_date) > after, col(inv.issue_date) <= through,
        col(inv.id).not_in(late_fees), known_by(col(inv.issued_at), known_at),
    )  # fmt: skip
    notes = select(
        col(note.customer_id), col(note.currency), col(note.issue_date), col(note.amount_minor)
    ).where(
        col(note.issue_date) > after, col(note.issue_date) <= through,
        known_by(col(note.recorded_at), known_at),
    )  # fmt: skip
    if customer_id is not None:
        invoices = invoices.where(col(inv.customer_id) == customer_id)
        notes = notes.where(col(note.customer_id) == customer_id)
    invoices = invoices.where(*keys.holding(col(inv.customer_id), col(inv.currency)))
    notes = notes.where(*keys.holding(col(note.customer_id), col(note.currency)))
    facts = [
        SaleFact(c, cur, d, int(t), v, bool(opening))
        for c, cur, d, t, v, opening in await session.execute(invoices)
    ]
    facts += [SaleFact(c, cur, d, -int(a)) for c, cur, d, a in await session.execute(notes)]
    return facts
