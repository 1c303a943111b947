"""A written-off invoice owes nothing from the day it was written off."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import InvoiceWrittenOff
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.facts.adjustment_records import record_adjustments
from reporting_svc.projections.facts.adjustments import AdjustmentKind, InvoiceAdjustment


async def on_invoice_written_off(
    session: AsyncSession, event: ReceivedEvent[InvoiceWrittenOff]
) -> None:
    data = event.data
    written_off = InvoiceAdjustment(
        AdjustmentKind.WRITE_OFF,
        data.write_off_id,
        data.invoice_id,
        to_minor(data.amount, data.currency),
        data.written_off_on,
    )
    await record_adjustments(
        session, data.customer_id, [written_off], recorded_at=event.envelope.time
    )
