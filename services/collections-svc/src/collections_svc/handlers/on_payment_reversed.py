from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.use_cases.reopen_reversed_payment import reopen_reversed_payment
from ledgerflow_events.contracts.ledger import PaymentReversed
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_payment_reversed(session: AsyncSession, event: ReceivedEvent[PaymentReversed]) -> None:
    data = event.data
    await reopen_reversed_payment(
        CollectionsUnitOfWork(session),
        customer_id=data.customer_id,
        currency=data.currency,
        open_after={
            r.invoice_id: to_minor(r.open_amount_after, data.currency) for r in data.reopened
        },
        reversed_on=data.reversed_on,
    )
