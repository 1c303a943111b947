"""An issued invoice starts ageing from its due date."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.aging.reference import IssuedInvoice
from reporting_svc.projections.facts.receivables import record_invoice


async def on_invoice_issued(session: AsyncSession, event: ReceivedEvent[InvoiceIssued]) -> None:
    data = event.data
    invoice = IssuedInvoice(
        invoice_id=data.invoice_id,
        customer_id=data.customer_id,
        currency=data.currency,
        total=to_minor(data.total, data.currency),
        issue_date=data.issue_date,
        due_date=data.due_date,
    )
    # Instalments age one by one; an invoice without them is due whole on its due date.
    instalments = [(i.due_date, to_minor(i.amount, data.currency)) for i in data.instalments or []]
    await record_invoice(
        session,
        invoice,
        data.number,
        issued_at=event.envelope.time,
        instalments=instalments,
        contract_id=data.contract_id,
        opening=data.opening,
    )
