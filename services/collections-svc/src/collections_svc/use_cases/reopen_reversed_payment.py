"""A reversed payment is owed again: invoices already overdue put the customer back in arrears,
in the open case, or in a new one when the last was closed."""

from collections.abc import Mapping
from datetime import date

from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import Receivable, overdue_total
from collections_svc.domain.case import open_case
from collections_svc.use_cases.assign_by_rules import assign_new_case


async def reopen_reversed_payment(
    uow: CollectionsUnitOfWork,
    *,
    customer_id: str,
    currency: str,
    open_after: Mapping[str, int],
    reversed_on: date,
) -> None:
    """`open_after` maps each reopened invoice onto its open amount after the reversal."""
    case = await uow.cases.open_case_of(customer_id)
    for invoice_id, open_amount in open_after.items():
        # The overdue mark outlives payment, so an invoice past due is overdue again at once.
        await uow.receivables.set_open_amount(
            customer_id, Receivable(invoice_id, currency, open_amount), changed_by="reversed"
        )
    overdue_invoices = await uow.receivables.overdue_of(customer_id)
    if case is not None:
        case = case.follow_arrears(overdue_total(overdue_invoices, case.currency), reversed_on)
    else:
        total = overdue_total(overdue_invoices, currency)
        case = open_case(str(uuid7()), customer_id, currency, total, opened_on=reversed_on)
        if case is not None:
            case = await assign_new_case(uow, case, reversed_on)
    if case is not None:
        await uow.cases.save(case)
