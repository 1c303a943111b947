"""The worklist: open cases ordered by priority (domain/worklist.py says how it is built)."""

from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.promise import PromiseStatus
from collections_svc.domain.worklist import CaseFacts, WorkItem, ordered, priority
from ledgerflow_events.money import currency_scale


async def worklist(
    uow: CollectionsUnitOfWork,
    *,
    currency: str | None,
    collector: str | None,
    on: date,
    limit: int,
) -> list[WorkItem]:
    cases = await uow.cases.open_ones(currency=currency, collector=collector)
    customers = {c.customer_id for c in cases}
    facts = uow.case_facts
    oldest = await facts.oldest_due_dates(customers)
    disputed = await facts.disputed_amounts(customers)
    broken = await facts.promises_by_status(customers, PromiseStatus.BROKEN)
    grades = await uow.grades.of(customers)
    items = []
    for case in cases:
        due = oldest.get(case.customer_id)
        of_case = CaseFacts(
            overdue_amount=case.overdue_amount,
            disputed_amount=disputed.get(case.customer_id, 0),
            oldest_days_past_due=(on - due).days if due is not None else 0,
            grade=grades.get(case.customer_id),
            broken_promises=broken.get(case.customer_id, 0),
        )
        items.append(WorkItem(case, of_case, priority(of_case, currency_scale(case.currency))))
    return ordered(items)[:limit]
