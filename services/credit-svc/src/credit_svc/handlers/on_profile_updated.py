from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from ledgerflow_events.contracts.customer import CustomerProfileUpdated
from ledgerflow_events.inbox import ReceivedEvent


async def on_profile_updated(
    session: AsyncSession, event: ReceivedEvent[CustomerProfileUpdated]
) -> None:
    # Only the name matters here: the credit report prints it.
    if event.data.name is not None:
        await CreditUnitOfWork(session).accounts.name(event.data.customer_id, event.data.name)
