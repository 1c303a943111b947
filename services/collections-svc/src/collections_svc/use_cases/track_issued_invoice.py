"""Start following an issued invoice: dunning may remind before its due date, and it matters
to the customer's case once it is overdue."""

from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import Receivable


async def track_issued_invoice(
    uow: CollectionsUnitOfWork,
    *,
    customer_id: str,
    invoice_id: str,
    number: str,
    currency: str,
    total: int,
    due_date: date,
) -> None:
    await uow.receivables.add_if_absent(customer_id, Receivable(invoice_id, currency, total))
    await uow.dunned.note_terms(invoice_id, number=number, due_date=due_date)
