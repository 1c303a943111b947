"""Loading contracts and their invoices' settlements at a date, for the customer table."""

from collections import defaultdict
from datetime import date

from sqlalchemy import BigInteger, and_, cast, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import AllocationRow, InvoiceRow
from reporting_svc.adapters.tables_adjustments import InvoiceAdjustmentRow
from reporting_svc.adapters.tables_contracts import ContractRow
from reporting_svc.projections.customer_table.figures import (
    ContractFigures,
    ContractInvoice,
    contract_figures,
)


async def load_contracts(session: AsyncSession) -> dict[str, ContractRow]:
    """Every contract by its number."""
    rows = (await session.execute(select(ContractRow))).scalars().all()
    return {r.number: r for r in rows}


async def figures_at(session: AsyncSession, as_of: date) -> dict[str, ContractFigures]:
    """Invoiced, paid and open per contract id at the end of `as_of`."""
    inv, pay, adj = InvoiceRow, AllocationRow, InvoiceAdjustmentRow
    voided = and_(col(inv.voided_on).is_not(None), col(inv.voided_on) <= as_of)
    billed = (
        select(col(inv.id), col(inv.contract_id), col(inv.total_minor))
        .where(
            col(inv.contract_id).is_not(None),
            col(inv.issue_date) <= as_of,
            or_(col(inv.voided_on).is_(None), not_(voided)),
        )
        .subquery("billed")
    )
    payments = (
        select(col(pay.invoice_id), cast(func.sum(col(pay.amount_minor)), BigInteger))
        .join(billed, billed.c.id == col(pay.invoice_id))
        .where(col(pay.received_on) <= as_of)
        .group_by(col(pay.invoice_id))
    )
    changes = (
        select(
            col(adj.invoice_id), col(adj.kind), cast(func.sum(col(adj.reduction_minor)), BigInteger)
        )
        .join(billed, billed.c.id == col(adj.invoice_id))
        .where(col(adj.effective_on) <= as_of)
        .group_by(col(adj.invoice_id), col(adj.kind))
    )
    paid = {i: int(a) for i, a in await session.execute(payments)}
    adjusted: dict[str, dict[str, int]] = defaultdict(dict)
    for invoice_id, kind, amount in await session.execute(changes):
        adjusted[invoice_id][kind] = int(amount)
    invoices = [
        ContractInvoice(contract, int(total), paid.get(i, 0), adjusted.get(i, {}))
        for i, contract, total in await session.execute(select(billed))
    ]
    return contract_figures(invoices)
