from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.use_cases.restate_open_amounts import restate_open_amounts
from ledgerflow_events.contracts.ledger import PaymentReversed
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_payment_reversed(session: AsyncSession, event: ReceivedEvent[PaymentReversed]) -> None:
    data = event.data
    await restate_open_amounts(
        CreditUnitOfWork(session),
        customer_id=data.customer_id,
        currency=data.currency,
        open_after={
            r.invoice_id: to_minor(r.open_amount_after, data.currency) for r in data.reopened
        },
        as_of=data.reversed_on,
        now=event.envelope.time,
    )
