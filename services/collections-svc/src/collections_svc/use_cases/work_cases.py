"""Working cases: assigning them to collectors and logging what was done on them."""

from datetime import date, datetime

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.case import CaseNotFound, CollectionCase
from collections_svc.domain.case_work import (
    Activity,
    ActivityKind,
    CaseStanding,
    CaseWorker,
    NotYourCase,
    log_activity,
    standing_of,
)
from collections_svc.domain.legal import CaseNotInLegal, LegalBundle, legal_bundle
from collections_svc.domain.promise import PromiseStatus
from ledgerflow_events.contracts.collections import CaseActivityRecorded, CaseAssigned


async def case_for(
    uow: CollectionsUnitOfWork, case_id: str, worker: CaseWorker, *, to_work: bool
) -> CollectionCase:
    """The case, if this worker may see it (and work it, when `to_work`); locked to work it.
    A case a collector may not see is answered as not found: its existence is not theirs."""
    case = await uow.cases.get(case_id, for_update=to_work)
    if case is None or not worker.may_see(case):
        raise CaseNotFound(case_id)
    if to_work and not worker.may_work(case):
        raise NotYourCase(case_id)
    return case


async def assign_case(
    uow: CollectionsUnitOfWork, *, case_id: str, collector: str, on: date
) -> CollectionCase:
    case = await uow.cases.get(case_id, for_update=True)
    if case is None:
        raise CaseNotFound(case_id)
    if case.collector == collector:
        return case
    await uow.lock_customer(case.customer_id)
    assigned = case.assign(collector, on)
    await uow.cases.save(assigned)
    await uow.emit(
        CaseAssigned(
            customer_id=case.customer_id, case_id=case.id, collector=collector, assigned_on=on
        )
    )
    return assigned


async def record_activity(
    uow: CollectionsUnitOfWork,
    *,
    activity_id: str,
    case_id: str,
    worker: CaseWorker,
    kind: ActivityKind,
    outcome: str,
    occurred_at: datetime,
    next_action_on: date | None,
    note: str,
    now: datetime,
    business_date: date,
) -> Activity:
    case = await case_for(uow, case_id, worker, to_work=True)
    activity = log_activity(
        activity_id=activity_id,
        case=case,
        kind=kind,
        outcome=outcome,
        occurred_at=occurred_at,
        next_action_on=next_action_on,
        note=note,
        recorded_by=worker.subject,
        now=now,
        business_date=business_date,
    )
    await uow.lock_customer(case.customer_id)
    await uow.activities.add(activity)
    await uow.emit(
        CaseActivityRecorded(
            customer_id=case.customer_id,
            case_id=case.id,
            activity_id=activity.id,
            kind=kind.value,
            occurred_at=activity.occurred_at,
            next_action_on=next_action_on,
            collector=worker.subject,
        )
    )
    return activity


async def standings_of(
    uow: CollectionsUnitOfWork, cases: list[CollectionCase]
) -> dict[str, CaseStanding]:
    """Where each case stands, from the facts that decide it (domain/case_work.py)."""
    customers = {c.customer_id for c in cases}
    disputed = await uow.case_facts.disputed_amounts(customers)
    promised = await uow.case_facts.promises_by_status(customers, PromiseStatus.OPEN)
    planned = await uow.plans.customers_in_plan(customers)
    in_legal = await uow.legal.in_legal({c.id for c in cases})
    return {
        c.id: standing_of(
            c,
            legal=c.id in in_legal,
            in_plan=c.customer_id in planned,
            disputed=disputed.get(c.customer_id, 0) > 0,
            promised=promised.get(c.customer_id, 0) > 0,
        )
        for c in cases
    }


async def legal_bundle_of(
    uow: CollectionsUnitOfWork, case_id: str, worker: CaseWorker, prepared_on: date
) -> LegalBundle:
    """What a case in legal hands over: refused for a case not escalated to legal."""
    case = await case_for(uow, case_id, worker, to_work=False)
    escalated_on = await uow.legal.escalated_on(case.id)
    if escalated_on is None:
        raise CaseNotInLegal(case_id)
    open_invoices = await uow.dunned.open_ones(customer_id=case.customer_id)
    sent = await uow.notices.sent_to(case.customer_id)
    return legal_bundle(case, escalated_on, prepared_on, open_invoices, sent)
