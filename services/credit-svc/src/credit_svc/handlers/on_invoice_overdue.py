from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.use_cases.mark_invoice_overdue import mark_invoice_overdue
from ledgerflow_events.contracts.ledger import InvoiceOverdue
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_invoice_overdue(session: AsyncSession, event: ReceivedEvent[InvoiceOverdue]) -> None:
    data = event.data
    await mark_invoice_overdue(
        CreditUnitOfWork(session),
        customer_id=data.customer_id,
        invoice_id=data.invoice_id,
        currency=data.currency,
        open_amount=to_minor(data.open_amount, data.currency),
        due_date=data.due_date,
        as_of=data.as_of,
        now=event.envelope.time,
    )
