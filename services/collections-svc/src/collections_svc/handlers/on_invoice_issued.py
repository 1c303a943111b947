from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.use_cases.track_issued_invoice import track_issued_invoice
from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_invoice_issued(session: AsyncSession, event: ReceivedEvent[InvoiceIssued]) -> None:
    data = event.data
    await track_issued_invoice(
        CollectionsUnitOfWork(session),
        customer_id=data.customer_id,
        invoice_id=data.invoice_id,
        number=data.number,
        currency=data.currency,
        total=to_minor(data.total, data.currency),
        due_date=data.due_date,
    )
