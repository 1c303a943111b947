from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.use_cases.apply_payment_to_exposure import apply_payment_to_exposure
from ledgerflow_events.contracts.ledger import PaymentReceived
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_payment_received(session: AsyncSession, event: ReceivedEvent[PaymentReceived]) -> None:
    data = event.data
    await apply_payment_to_exposure(
        CreditUnitOfWork(session),
        customer_id=data.customer_id,
        currency=data.currency,
        open_after={
            a.invoice_id: to_minor(a.open_amount_after, data.currency) for a in data.allocations
        },
        as_of=data.received_on,
        now=event.envelope.time,
    )
