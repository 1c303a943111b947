"""A disputed amount is shown apart in aging from its opening until it is resolved."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.collections import DisputeOpened, DisputeResolved
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.facts.dispute_records import (
    record_dispute_opened,
    record_dispute_resolved,
)


async def on_dispute_opened(session: AsyncSession, event: ReceivedEvent[DisputeOpened]) -> None:
    d = event.data
    await record_dispute_opened(
        session,
        d.dispute_id,
        d.invoice_id,
        d.customer_id,
        to_minor(d.amount, d.currency),
        (d.opened_on, event.envelope.time),
    )


async def on_dispute_resolved(session: AsyncSession, event: ReceivedEvent[DisputeResolved]) -> None:
    d = event.data
    await record_dispute_resolved(
        session,
        d.dispute_id,
        d.invoice_id,
        d.customer_id,
        to_minor(d.amount, d.currency),
        (d.resolved_on, event.envelope.time),
    )
