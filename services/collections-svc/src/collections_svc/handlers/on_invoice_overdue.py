from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.use_cases.record_overdue_invoice import record_overdue_invoice
from ledgerflow_events.contracts.ledger import InvoiceOverdue
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_invoice_overdue(session: AsyncSession, event: ReceivedEvent[InvoiceOverdue]) -> None:
    data = event.data
    await record_overdue_invoice(
        CollectionsUnitOfWork(session),
        customer_id=data.customer_id,
        invoice_id=data.invoice_id,
        currency=data.currency,
        open_amount=to_minor(data.open_amount, data.currency),
        due_date=data.due_date,
        as_of=data.as_of,
    )
