"""A new customer: reporting learns its name, account currency and what it is grouped by."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import ReceivedEvent
from reporting_svc.projections.facts.customer_groups import (
    record_customer_attributes,
    record_segments,
)
from reporting_svc.projections.facts.receivables import record_customer


async def on_customer_registered(
    session: AsyncSession, event: ReceivedEvent[CustomerRegistered]
) -> None:
    data = event.data
    await record_customer(session, data.customer_id, data.name, data.currency)
    # Absent from customers registered before these were carried: left as they are.
    given = {"industry": data.industry, "region": data.region}
    await record_customer_attributes(
        session, data.customer_id, {k: v for k, v in given.items() if v is not None}
    )
    if data.segments is not None:
        await record_segments(session, data.customer_id, data.segments)
