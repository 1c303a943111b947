"""Gather every hold in force on a date, for a run or for the recheck before sending."""

from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.holds import Holds


async def holds_on(uow: CollectionsUnitOfWork, day: date, customer_id: str | None = None) -> Holds:
    paused = {p.customer_id for p in await uow.pauses.of(customer_id) if p.holds_on(day)}
    disputed = await uow.disputes.disputed_invoices(customer_id)
    promised_customers: set[str] = set()
    promised_invoices: set[str] = set()
    for promise in await uow.promises.open_ones(customer_id):
        if promise.holds_on(day):
            if promise.invoice_ids:
                promised_invoices.update(promise.invoice_ids)
            else:
                promised_customers.add(promise.customer_id)
    planned = {i for plan in await uow.plans.on_track(customer_id) for i in plan.invoice_ids}
    return Holds(
        customers=frozenset(paused),
        invoices=frozenset(promised_invoices),
        disputed=disputed,
        promised_customers=frozenset(promised_customers),
        planned=frozenset(planned),
    )
