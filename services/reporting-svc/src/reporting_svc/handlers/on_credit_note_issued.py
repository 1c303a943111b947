"""A credit note lowers credit sales on its issue date, and what is owed on its invoice."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import CreditNoteIssued
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.facts.adjustment_records import record_adjustments
from reporting_svc.projections.facts.adjustments import AdjustmentKind, InvoiceAdjustment
from reporting_svc.projections.facts.sales_records import record_credit_note


async def on_credit_note_issued(
    session: AsyncSession, event: ReceivedEvent[CreditNoteIssued]
) -> None:
    data = event.data
    amount = to_minor(data.amount, data.currency)
    await record_credit_note(
        session,
        data.credit_note_id,
        data.customer_id,
        data.currency,
        amount,
        data.issue_date,
        recorded_at=event.envelope.time,
    )
    # On account it is customer credit: nothing is owed less until the credit is applied.
    if data.invoice_id is None:
        return
    credited = InvoiceAdjustment(
        AdjustmentKind.CREDIT_NOTE,
        data.credit_note_id,
        data.invoice_id,
        amount,
        data.issue_date,
    )
    await record_adjustments(session, data.customer_id, [credited], recorded_at=event.envelope.time)
