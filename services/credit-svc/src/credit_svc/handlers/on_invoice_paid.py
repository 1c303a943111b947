from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.use_cases.clear_paid_invoice import clear_paid_invoice
from ledgerflow_events.contracts.ledger import InvoicePaid
from ledgerflow_events.inbox import ReceivedEvent


async def on_invoice_paid(session: AsyncSession, event: ReceivedEvent[InvoicePaid]) -> None:
    data = event.data
    await clear_paid_invoice(
        CreditUnitOfWork(session),
        customer_id=data.customer_id,
        invoice_id=data.invoice_id,
        currency=data.currency,
        as_of=data.paid_on,
        now=event.envelope.time,
    )
