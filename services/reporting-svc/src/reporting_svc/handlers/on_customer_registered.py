"""A new customer: reporting learns its name and account currency."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts import CustomerRegistered
from ledgerflow_events.inbox import ReceivedEvent
from reporting_svc.projections.receivables import record_customer


async def on_customer_registered(session: AsyncSession, event: ReceivedEvent) -> None:
    data = event.data
    assert isinstance(data, CustomerRegistered)
    await record_customer(session, data.customer_id, data.name, data.currency)
