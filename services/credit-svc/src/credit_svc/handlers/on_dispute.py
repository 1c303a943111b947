"""Disputes opened and resolved in collections: open ones weigh in assessments."""

from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.behaviour import BehaviourFact, FactKind
from credit_svc.use_cases.record_behaviour import record_behaviour, resolve_dispute
from ledgerflow_events.contracts.collections import DisputeOpened, DisputeResolved
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_dispute_opened(session: AsyncSession, event: ReceivedEvent[DisputeOpened]) -> None:
    data = event.data
    fact = BehaviourFact(
        f"dispute:{data.dispute_id}",
        FactKind.DISPUTE,
        to_minor(data.amount, data.currency),
        data.opened_on,
        (data.invoice_id,),
    )
    await record_behaviour(
        CreditUnitOfWork(session),
        data.customer_id,
        data.currency,
        fact,
        "collections.dispute_opened",
    )


async def on_dispute_resolved(session: AsyncSession, event: ReceivedEvent[DisputeResolved]) -> None:
    await resolve_dispute(CreditUnitOfWork(session), event.data.dispute_id, event.data.resolved_on)
