"""Collector performance over a period (domain/performance.py defines each figure), and the
money collected that it counts, recorded as payments arrive."""

from collections.abc import Mapping
from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.performance import CollectorFigures, check_period


async def record_collected(
    uow: CollectionsUnitOfWork,
    *,
    customer_id: str,
    payment_ref: str,
    currency: str,
    allocated: Mapping[str, int],
    on: date,
) -> None:
    """Before the payment is applied: what it pays on the overdue invoices of an assigned case
    counts for that case's collector."""
    case = await uow.cases.open_case_of(customer_id)
    if case is None or case.collector is None:
        return
    overdue = {r.invoice_id for r in await uow.receivables.overdue_of(customer_id)}
    await uow.collected.add(
        payment_ref=payment_ref,
        case_id=case.id,
        collector=case.collector,
        currency=currency,
        amounts={i: a for i, a in allocated.items() if i in overdue and a > 0},
        on=on,
    )


async def collector_performance(
    uow: CollectionsUnitOfWork, *, start: date, end: date
) -> list[CollectorFigures]:
    check_period(start, end)
    figures: dict[str, CollectorFigures] = {}

    def of(collector: str) -> CollectorFigures:
        return figures.setdefault(collector, CollectorFigures(collector))

    for collector, currency, amount in await uow.collected.by_collector(start, end):
        of(collector).collected[currency] = amount
    for collector, opened_on, closed_on in await uow.collected.closed_cases(start, end):
        of(collector).cases_closed += 1
        of(collector).days_to_close.append((closed_on - opened_on).days)
    for column, attribute in (
        ("made_on", "promises_made"),
        ("kept_on", "promises_kept"),
        ("broken_on", "promises_broken"),
    ):
        for collector, count in (await uow.collected.promises_on(column, start, end)).items():
            setattr(of(collector), attribute, count)
    return [figures[c] for c in sorted(figures)]
