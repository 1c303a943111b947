"""A new customer: reporting learns its name and account currency."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import ReceivedEvent
from reporting_svc.projections.receivables import record_customer


async def on_customer_registered(
    session: AsyncSession, event: ReceivedEvent[CustomerRegistered]
) -> None:
    data = event.data
    await record_customer(session, data.customer_id, data.name, data.currency)
