"""A payment leaves each invoice it paid at the open amount the ledger reports."""

from collections.abc import Mapping
from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import Receivable
from collections_svc.use_cases.follow_up_arrears import follow_up_arrears


async def apply_payment_to_arrears(
    uow: CollectionsUnitOfWork,
    *,
    customer_id: str,
    currency: str,
    open_after: Mapping[str, int],
    received_on: date,
) -> None:
    """`open_after` maps each invoice the payment was applied to onto its open amount after it."""
    for invoice_id, open_amount in open_after.items():
        await uow.receivables.set_open_amount(
            customer_id, Receivable(invoice_id, currency, open_amount), changed_by="paid"
        )
    await follow_up_arrears(uow, customer_id=customer_id, on=received_on)
