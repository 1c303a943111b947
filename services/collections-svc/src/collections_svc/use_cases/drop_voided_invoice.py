"""A voided invoice is owed no more: it leaves the arrears, and may close the customer's case."""

from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import Receivable
from collections_svc.use_cases.follow_up_arrears import follow_up_arrears


async def drop_voided_invoice(
    uow: CollectionsUnitOfWork, *, customer_id: str, invoice_id: str, currency: str, voided_on: date
) -> None:
    # Kept at zero even when the invoice was never seen, so a late InvoiceIssued finds it
    # already present and cannot put it back among the invoices collections follows.
    await uow.receivables.void(customer_id, Receivable(invoice_id, currency, 0))
    await follow_up_arrears(uow, customer_id=customer_id, on=voided_on)
