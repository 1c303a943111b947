from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.use_cases.manage_holds import resume_supply
from ledgerflow_events.contracts.collections import CaseClosed
from ledgerflow_events.inbox import ReceivedEvent


async def on_case_closed(session: AsyncSession, event: ReceivedEvent[CaseClosed]) -> None:
    # Nothing is overdue any more: the escalation that stopped supply no longer stands.
    await resume_supply(CreditUnitOfWork(session), event.data.customer_id, event.envelope.time)
