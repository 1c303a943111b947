"""Loading invoices with their dated settlements for the payment-behaviour analysis."""

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import AllocationRow, InvoiceRow
from reporting_svc.adapters.tables_adjustments import InvoiceAdjustmentRow
from reporting_svc.projections.payment_behaviour.analysis import SettledInvoice


async def load_settled_invoices(
    session: AsyncSession, last: date, customer_id: str | None
) -> list[SettledInvoice]:
    """Invoices issued by `last` and never voided, with every settlement dated by `last`."""
    inv, pay, adj = InvoiceRow, AllocationRow, InvoiceAdjustmentRow
    # Opening balances' dates say nothing of how the customer pays.
    invoices = select(inv).where(
        col(inv.issue_date) <= last, col(inv.voided_on).is_(None), ~col(inv.opening)
    )
    payments = select(col(pay.invoice_id), col(pay.received_on), col(pay.amount_minor)).where(
        col(pay.received_on) <= last
    )
    changes = select(col(adj.invoice_id), col(adj.effective_on), col(adj.reduction_minor)).where(
        col(adj.effective_on) <= last
    )
    if customer_id is not None:
        invoices = invoices.where(col(inv.customer_id) == customer_id)
        payments = payments.where(col(pay.customer_id) == customer_id)
        changes = changes.where(col(adj.customer_id) == customer_id)
    settled: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for query in (payments, changes):
        for invoice_id, day, amount in await session.execute(query):
            settled[invoice_id].append((day, int(amount)))
    return [
        SettledInvoice(
            i.customer_id,
            i.currency,
            i.total_minor,
            i.issue_date,
            i.due_date,
            tuple(settled.get(i.id, ())),
        )
        for i in (await session.execute(invoices)).scalars()
    ]
