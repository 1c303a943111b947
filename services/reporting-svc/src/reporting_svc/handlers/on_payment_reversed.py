"""A reversed payment is owed again from the day it was reversed; days before still show it paid."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import PaymentReversed
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.facts.adjustment_records import record_adjustments
from reporting_svc.projections.facts.adjustments import AdjustmentKind, InvoiceAdjustment


async def on_payment_reversed(session: AsyncSession, event: ReceivedEvent[PaymentReversed]) -> None:
    data = event.data
    reopened = [
        InvoiceAdjustment(
            AdjustmentKind.REVERSAL,
            data.payment_id,
            r.invoice_id,
            # The cash and the discount it had earned are both owed again.
            -(to_minor(r.amount, data.currency) + to_minor(r.discount, data.currency)),
            data.reversed_on,
        )
        for r in data.reopened
    ]
    await record_adjustments(session, data.customer_id, reopened, recorded_at=event.envelope.time)
