"""A paid invoice is owed no more, whatever settled it."""

from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import Receivable
from collections_svc.use_cases.follow_up_arrears import follow_up_arrears


async def clear_paid_invoice(
    uow: CollectionsUnitOfWork, *, customer_id: str, invoice_id: str, currency: str, paid_on: date
) -> None:
    await uow.receivables.set_open_amount(
        customer_id, Receivable(invoice_id, currency, 0), changed_by="paid"
    )
    await follow_up_arrears(uow, customer_id=customer_id, on=paid_on)
