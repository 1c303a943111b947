from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.use_cases.add_invoice_to_exposure import add_invoice_to_exposure
from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_invoice_issued(session: AsyncSession, event: ReceivedEvent[InvoiceIssued]) -> None:
    data = event.data
    await add_invoice_to_exposure(
        CreditUnitOfWork(session),
        customer_id=data.customer_id,
        invoice_id=data.invoice_id,
        currency=data.currency,
        total=to_minor(data.total, data.currency),
        due_date=data.due_date,
        issue_date=data.issue_date,
        order_reference=data.order_reference,
        as_of=data.issue_date,
        now=event.envelope.time,
        opening=data.opening,
    )
