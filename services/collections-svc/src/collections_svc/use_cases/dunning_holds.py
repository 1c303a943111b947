"""Gather every hold in force on a date, for a run or for the recheck before sending."""

from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.holds import Holds


async def holds_on(uow: CollectionsUnitOfWork, day: date, customer_id: str | None = None) -> Holds:
    paused = {p.customer_id for p in await uow.pauses.of(customer_id) if p.holds_on(day)}
    disputed = await uow.disputes.disputed_invoices(customer_id)
    return Holds(customers=frozenset(paused), disputed=disputed)
