from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.use_cases.manage_holds import stop_supply
from ledgerflow_events.contracts.collections import Escalated
from ledgerflow_events.inbox import ReceivedEvent


async def on_escalated(session: AsyncSession, event: ReceivedEvent[Escalated]) -> None:
    # A legal escalation moves the case, not the supply: only stop_supply holds.
    if event.data.escalation == "stop_supply":
        await stop_supply(CreditUnitOfWork(session), event.data.customer_id, event.envelope.time)
