from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.behaviour import BehaviourFact, FactKind
from credit_svc.use_cases.record_behaviour import record_behaviour
from credit_svc.use_cases.restate_open_amounts import restate_open_amounts
from ledgerflow_events.contracts.ledger import InvoiceWrittenOff
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_invoice_written_off(
    session: AsyncSession, event: ReceivedEvent[InvoiceWrittenOff]
) -> None:
    data = event.data
    uow = CreditUnitOfWork(session)
    fact = BehaviourFact(
        f"write_off:{data.write_off_id}",
        FactKind.WRITE_OFF,
        to_minor(data.amount, data.currency),
        data.written_off_on,
        (data.invoice_id,),
    )
    await record_behaviour(uow, data.customer_id, data.currency, fact, "ledger.invoice_written_off")
    await restate_open_amounts(
        uow,
        customer_id=data.customer_id,
        currency=data.currency,
        open_after={data.invoice_id: 0},
        as_of=data.written_off_on,
        now=event.envelope.time,
    )
