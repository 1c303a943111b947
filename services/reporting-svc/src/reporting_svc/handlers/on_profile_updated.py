"""A customer's file changed: reporting regroups it by its new industry, region or segments."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.customer import CustomerProfileUpdated
from ledgerflow_events.inbox import ReceivedEvent
from reporting_svc.projections.facts.customer_groups import (
    record_customer_attributes,
    record_segments,
)


async def on_profile_updated(
    session: AsyncSession, event: ReceivedEvent[CustomerProfileUpdated]
) -> None:
    data = event.data
    changed = set(data.changed_fields)
    # A changed field given as None was emptied.
    given = {"industry": data.industry, "region": data.region}
    await record_customer_attributes(
        session, data.customer_id, {k: v for k, v in given.items() if k in changed}
    )
    if "segments" in changed:
        await record_segments(session, data.customer_id, data.segments or [])
