from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.use_cases.drop_voided_invoice import drop_voided_invoice
from ledgerflow_events.contracts.ledger import InvoiceVoided
from ledgerflow_events.inbox import ReceivedEvent


async def on_invoice_voided(session: AsyncSession, event: ReceivedEvent[InvoiceVoided]) -> None:
    data = event.data
    await drop_voided_invoice(
        CreditUnitOfWork(session),
        customer_id=data.customer_id,
        invoice_id=data.invoice_id,
        currency=data.currency,
        as_of=data.voided_on,
        now=event.envelope.time,
    )
