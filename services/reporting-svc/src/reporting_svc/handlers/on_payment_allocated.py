"""Applied customer credit lowers what is owed on each invoice from the day it was applied."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import PaymentAllocated
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.facts.adjustment_records import record_adjustments
from reporting_svc.projections.facts.adjustments import AdjustmentKind, InvoiceAdjustment


async def on_payment_allocated(
    session: AsyncSession, event: ReceivedEvent[PaymentAllocated]
) -> None:
    data = event.data
    applied = [
        InvoiceAdjustment(
            AdjustmentKind.CREDIT_APPLICATION,
            data.allocation_id,
            a.invoice_id,
            # A discount earned with the credit closes the invoice as well.
            to_minor(a.amount, data.currency) + to_minor(a.discount or "0", data.currency),
            data.applied_on,
        )
        for a in data.allocations
    ]
    await record_adjustments(session, data.customer_id, applied, recorded_at=event.envelope.time)
