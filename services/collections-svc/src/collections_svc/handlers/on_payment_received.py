from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.use_cases.measure_collectors import record_collected
from collections_svc.use_cases.restate_open_amounts import (
    count_towards_commitments,
    restate_open_amounts,
)
from ledgerflow_events.contracts.ledger import PaymentReceived
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_payment_received(session: AsyncSession, event: ReceivedEvent[PaymentReceived]) -> None:
    data = event.data
    uow = CollectionsUnitOfWork(session)
    allocated = {a.invoice_id: to_minor(a.amount, data.currency) for a in data.allocations}
    # What an opening balance had been paid before the cut-over settles it, but nobody
    # collected it and it keeps no promise.
    collected = not data.opening
    if collected:
        await record_collected(
            uow,
            customer_id=data.customer_id,
            payment_ref=data.payment_id,
            currency=data.currency,
            allocated=allocated,
            on=data.received_on,
        )
    commitments = await restate_open_amounts(
        uow,
        customer_id=data.customer_id,
        currency=data.currency,
        open_after={
            a.invoice_id: to_minor(a.open_amount_after, data.currency) for a in data.allocations
        },
        on=data.received_on,
        changed_by="paid",
    )
    if collected:
        await count_towards_commitments(
            uow, commitments, customer_id=data.customer_id, allocated=allocated, on=data.received_on
        )
