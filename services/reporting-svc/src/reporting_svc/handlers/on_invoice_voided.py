"""A voided invoice leaves the aging of every day from its void on."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import InvoiceVoided
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.aging.reference import VoidedInvoice
from reporting_svc.projections.facts.receivables import record_void


async def on_invoice_voided(session: AsyncSession, event: ReceivedEvent[InvoiceVoided]) -> None:
    data = event.data
    void = VoidedInvoice(
        invoice_id=data.invoice_id,
        customer_id=data.customer_id,
        currency=data.currency,
        total=to_minor(data.total, data.currency),
        voided_on=data.voided_on,
    )
    await record_void(session, void, data.number, voided_at=event.envelope.time)
