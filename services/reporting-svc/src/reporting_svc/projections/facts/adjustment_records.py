"""Recording invoice adjustments, once per fact, invoice and kind whatever the redeliveries."""

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from reporting_svc.adapters.tables_adjustments import InvoiceAdjustmentRow
from reporting_svc.projections.aging.changes import refresh_aging_changes
from reporting_svc.projections.facts.adjustments import InvoiceAdjustment


async def record_adjustments(
    session: AsyncSession,
    customer_id: str,
    adjustments: Iterable[InvoiceAdjustment],
    *,
    recorded_at: datetime | None = None,
    refresh: bool = True,
) -> set[str]:
    """Returns the invoices adjusted; without `refresh` their aging changes are left to the
    caller."""
    # One fact touching the same invoice twice is one change to it, merged.
    merged: dict[tuple[str, str, str], InvoiceAdjustment] = {}
    for a in adjustments:
        key = (a.kind.value, a.source_id, a.invoice_id)
        earlier = merged.get(key)
        if earlier is not None:
            a = replace(a, reduction=earlier.reduction + a.reduction)
        merged[key] = a
    rows = [
        {
            "kind": a.kind.value,
            "source_id": a.source_id,
            "invoice_id": a.invoice_id,
            "customer_id": customer_id,
            "reduction_minor": a.reduction,
            "effective_on": a.effective_on,
            "recorded_at": recorded_at,
        }
        # Nothing changed: a zero discount or a reversal that reopened nothing is not worth a row.
        for a in merged.values()
        if a.reduction != 0
    ]
    adjusted = {str(r["invoice_id"]) for r in rows}
    if rows:
        await session.execute(insert(InvoiceAdjustmentRow).values(rows).on_conflict_do_nothing())
        if refresh:
            await refresh_aging_changes(session, adjusted)
    return adjusted
