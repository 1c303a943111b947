"""An invoice fell overdue: the customer's case grows by it, or a new case is opened."""

from datetime import date

from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import Receivable, overdue_total
from collections_svc.domain.case import open_case
from collections_svc.use_cases.assign_by_rules import assign_new_case


async def record_overdue_invoice(
    uow: CollectionsUnitOfWork,
    *,
    customer_id: str,
    invoice_id: str,
    currency: str,
    open_amount: int,
    due_date: date,
    as_of: date,
) -> None:
    case = await uow.cases.open_case_of(customer_id)
    await uow.receivables.mark_overdue(
        customer_id, Receivable(invoice_id, currency, open_amount, overdue=True)
    )
    await uow.dunned.note_terms(invoice_id, number=None, due_date=due_date)
    overdue_invoices = await uow.receivables.overdue_of(customer_id)
    if case is not None:
        case = case.follow_arrears(overdue_total(overdue_invoices, case.currency), as_of)
    else:
        total = overdue_total(overdue_invoices, currency)
        case = open_case(str(uuid7()), customer_id, currency, total, opened_on=as_of)
        if case is not None:
            case = await assign_new_case(uow, case, as_of)
    if case is not None:
        await uow.cases.save(case)
