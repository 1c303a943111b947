from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.use_cases.restate_open_amounts import restate_open_amounts
from ledgerflow_events.contracts.ledger import InvoiceWrittenOff
from ledgerflow_events.inbox import ReceivedEvent


async def on_invoice_written_off(
    session: AsyncSession, event: ReceivedEvent[InvoiceWrittenOff]
) -> None:
    data = event.data
    await restate_open_amounts(
        CollectionsUnitOfWork(session),
        customer_id=data.customer_id,
        currency=data.currency,
        open_after={data.invoice_id: 0},
        on=data.written_off_on,
        changed_by="written_off",
    )
