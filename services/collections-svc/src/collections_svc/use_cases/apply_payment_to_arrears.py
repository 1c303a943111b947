"""A payment leaves each invoice it paid at the open amount the ledger reports."""

from collections.abc import Mapping
from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import Receivable
from collections_svc.domain.commitments import Commitments
from collections_svc.use_cases.follow_up_arrears import follow_case


async def apply_payment_to_arrears(
    uow: CollectionsUnitOfWork,
    *,
    customer_id: str,
    currency: str,
    open_after: Mapping[str, int],
    received_on: date,
) -> Commitments:
    """`open_after` maps each invoice the payment was applied to onto its open amount after it.
    Returns what else the customer has that the payment may count towards."""
    for invoice_id, open_amount in open_after.items():
        await uow.receivables.set_open_amount(
            customer_id, Receivable(invoice_id, currency, open_amount), changed_by="paid"
        )
    case, commitments = await uow.cases.open_case_and_commitments(customer_id)
    if case is not None:
        await follow_case(uow, case, on=received_on)
    return commitments
