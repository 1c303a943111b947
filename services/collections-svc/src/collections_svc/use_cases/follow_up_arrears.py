"""Bring the customer's open case in line with what is still overdue; nothing left closes it."""

from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.arrears import overdue_total
from collections_svc.domain.case import CollectionCase


async def follow_up_arrears(uow: CollectionsUnitOfWork, *, customer_id: str, on: date) -> None:
    case = await uow.cases.open_case_of(customer_id)
    if case is not None:
        await follow_case(uow, case, on=on)


async def follow_case(uow: CollectionsUnitOfWork, case: CollectionCase, *, on: date) -> None:
    """`case`: the customer's open case, locked."""
    overdue = overdue_total(await uow.receivables.overdue_of(case.customer_id), case.currency)
    followed = case.follow_arrears(overdue, on)
    if followed != case:  # a payment on an invoice not yet due leaves the case as it was
        await uow.cases.save(followed)
