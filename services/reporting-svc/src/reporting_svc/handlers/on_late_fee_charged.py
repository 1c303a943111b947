"""A late fee is billed as its own invoice: owed like any other, but never a credit sale."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import LateFeeCharged
from ledgerflow_events.inbox import ReceivedEvent
from reporting_svc.projections.facts.sales_records import record_late_fee_invoice


async def on_late_fee_charged(session: AsyncSession, event: ReceivedEvent[LateFeeCharged]) -> None:
    await record_late_fee_invoice(session, event.data.fee_invoice_id)
