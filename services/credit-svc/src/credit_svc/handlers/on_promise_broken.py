from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.behaviour import BehaviourFact, FactKind
from credit_svc.use_cases.record_behaviour import record_behaviour
from ledgerflow_events.contracts.collections import PromiseBroken
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_promise_broken(session: AsyncSession, event: ReceivedEvent[PromiseBroken]) -> None:
    data = event.data
    fact = BehaviourFact(
        f"broken_promise:{data.promise_id}",
        FactKind.BROKEN_PROMISE,
        to_minor(data.amount, data.currency),
        data.broken_on,
        tuple(data.invoice_ids),
    )
    await record_behaviour(
        CreditUnitOfWork(session),
        data.customer_id,
        data.currency,
        fact,
        "collections.promise_broken",
    )
