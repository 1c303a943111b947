"""The ledger restated what is still owed on some invoices: a credit note, a write-off or
applied customer credit. The case follows what is left overdue; nothing left closes it."""

from collections.abc import Mapping
from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import Receivable
from collections_svc.use_cases.follow_up_arrears import follow_up_arrears


async def restate_open_amounts(
    uow: CollectionsUnitOfWork,
    *,
    customer_id: str,
    currency: str,
    open_after: Mapping[str, int],
    on: date,
    changed_by: str,
) -> None:
    """`open_after` maps each invoice the fact touched onto its open amount after it."""
    for invoice_id, open_amount in open_after.items():
        await uow.receivables.set_open_amount(
            customer_id, Receivable(invoice_id, currency, open_amount), changed_by=changed_by
        )
    await follow_up_arrears(uow, customer_id=customer_id, on=on)
