"""A payment reduces the aging of the invoices it was applied to, from the day it came in."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import PaymentReceived
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.aging.changes import refresh_aging_changes
from reporting_svc.projections.aging.reference import AppliedPayment
from reporting_svc.projections.facts.adjustment_records import record_adjustments
from reporting_svc.projections.facts.adjustments import AdjustmentKind, InvoiceAdjustment
from reporting_svc.projections.facts.receivables import record_payment


async def on_payment_received(session: AsyncSession, event: ReceivedEvent[PaymentReceived]) -> None:
    data = event.data
    # Unapplied cash is customer credit, not a reduction of any invoice: it does not age.
    applied = [
        AppliedPayment(a.invoice_id, to_minor(a.amount, data.currency), data.received_on)
        for a in data.allocations
    ]
    when = event.envelope.time
    paid = await record_payment(
        session, data.customer_id, data.payment_id, applied,
        recorded_at=when, refresh=False, opening=data.opening,
    )  # fmt: skip
    # An early-payment discount closes the invoice along with the cash, the same day.
    discounts = [
        InvoiceAdjustment(
            AdjustmentKind.DISCOUNT,
            data.payment_id,
            a.invoice_id,
            to_minor(a.discount, data.currency),
            data.received_on,
        )
        for a in data.allocations
        if a.discount is not None
    ]
    discounted = await record_adjustments(
        session, data.customer_id, discounts, recorded_at=when, refresh=False
    )
    # An invoice's payment and its discount are one change to its aging, worked out once.
    await refresh_aging_changes(session, paid | discounted)
