from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.use_cases.record_behaviour import record_returned_payment
from credit_svc.use_cases.restate_open_amounts import restate_open_amounts
from ledgerflow_events.contracts.ledger import PaymentReversed
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_payment_reversed(session: AsyncSession, event: ReceivedEvent[PaymentReversed]) -> None:
    data = event.data
    uow = CreditUnitOfWork(session)
    # Kept before exposure is restated, so the hold review sees the returned payment.
    await record_returned_payment(
        uow,
        data.customer_id,
        payment_id=data.payment_id,
        reason=data.reason,
        currency=data.currency,
        amount=to_minor(data.amount, data.currency),
        invoice_ids=tuple(r.invoice_id for r in data.reopened),
        returned_on=data.reversed_on,
    )
    await restate_open_amounts(
        uow,
        customer_id=data.customer_id,
        currency=data.currency,
        open_after={
            r.invoice_id: to_minor(r.open_amount_after, data.currency) for r in data.reopened
        },
        as_of=data.reversed_on,
        now=event.envelope.time,
    )
