"""Start following an issued invoice; it matters to collections once it is overdue."""

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import Receivable


async def track_issued_invoice(
    uow: CollectionsUnitOfWork, *, customer_id: str, invoice_id: str, currency: str, total: int
) -> None:
    await uow.receivables.add_if_absent(customer_id, Receivable(invoice_id, currency, total))
