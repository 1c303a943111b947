"""The ledger restated what is still owed on some invoices: a payment, a credit note, a
write-off or applied customer credit. The case follows what is left overdue; nothing left
closes it. Money that reached the invoices counts towards the customer's promises and plans,
which are read only when the customer has some."""

from collections.abc import Mapping
from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import Receivable
from collections_svc.domain.commitments import Commitments
from collections_svc.use_cases.follow_up_arrears import follow_case
from collections_svc.use_cases.keep_plans import count_towards_plans
from collections_svc.use_cases.keep_promises import count_towards_promises


async def restate_open_amounts(
    uow: CollectionsUnitOfWork,
    *,
    customer_id: str,
    currency: str,
    open_after: Mapping[str, int],
    on: date,
    changed_by: str,
) -> Commitments:
    """`open_after` maps each invoice the fact touched onto its open amount after it. Returns
    what else the customer has that money allocated to those invoices may count towards."""
    for invoice_id, open_amount in open_after.items():
        await uow.receivables.set_open_amount(
            customer_id, Receivable(invoice_id, currency, open_amount), changed_by=changed_by
        )
    case, commitments = await uow.cases.open_case_and_commitments(customer_id)
    if case is not None:
        await follow_case(uow, case, on=on)
    return commitments


async def count_towards_commitments(
    uow: CollectionsUnitOfWork,
    commitments: Commitments,
    *,
    customer_id: str,
    allocated: Mapping[str, int],
    on: date,
) -> None:
    """Money allocated to invoices (invoice → amount) on `on`, counted towards the open
    promises and the plans on track that `commitments` says the customer has."""
    if commitments.promises_open:
        await count_towards_promises(uow, customer_id=customer_id, allocated=allocated, on=on)
    if commitments.plans_on_track:
        await count_towards_plans(uow, customer_id=customer_id, allocated=allocated, on=on)
