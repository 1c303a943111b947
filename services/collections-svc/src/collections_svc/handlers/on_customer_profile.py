"""customer-svc's facts about a customer's file: collections keeps only the region and segment
codes its assignment rules match on (nothing personal)."""

from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.assignment import CustomerProfile
from ledgerflow_events.contracts.customer import CustomerProfileUpdated, CustomerRegistered
from ledgerflow_events.inbox import ReceivedEvent


async def on_customer_registered(
    session: AsyncSession, event: ReceivedEvent[CustomerRegistered]
) -> None:
    data = event.data
    await CollectionsUnitOfWork(session).profiles.register(
        data.customer_id, CustomerProfile(data.region, frozenset(data.segments or ()))
    )


async def on_customer_profile_updated(
    session: AsyncSession, event: ReceivedEvent[CustomerProfileUpdated]
) -> None:
    data = event.data
    changed = set(data.changed_fields)
    if not changed & {"region", "segments"}:
        return
    profiles = CollectionsUnitOfWork(session).profiles
    known = await profiles.of(data.customer_id)
    # A field named as changed with no value was emptied.
    await profiles.save(
        data.customer_id,
        CustomerProfile(
            data.region if "region" in changed else known.region,
            frozenset(data.segments or ()) if "segments" in changed else known.segments,
        ),
    )
