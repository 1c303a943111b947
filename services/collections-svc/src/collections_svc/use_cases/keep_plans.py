"""Payment plans: agreed in a case, kept by payments, broken by a run after a missed
instalment's grace, completed when everything is paid."""

from collections.abc import Mapping
from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.case import CaseNotFound, CaseStatus
from collections_svc.domain.payment_plan import (
    Instalment,
    InvoicesAlreadyPlanned,
    PaymentPlan,
    PlanNotFound,
    PlanStatus,
    agree_plan,
)
from collections_svc.domain.promise import CaseNotOpen, InvoicesNotOfCustomer
from collections_svc.use_cases.keep_promises import DEFAULT_GRACE_DAYS
from ledgerflow_events.contracts.collections import (
    PaymentPlanAgreed,
    PaymentPlanEnded,
    PlanInstalment,
)
from ledgerflow_events.money import format_minor


async def agree_payment_plan(
    uow: CollectionsUnitOfWork,
    *,
    plan_id: str,
    case_id: str,
    invoice_ids: tuple[str, ...],
    instalments: tuple[Instalment, ...],
    on: date,
) -> PaymentPlan:
    case = await uow.cases.get(case_id)
    if case is None:
        raise CaseNotFound(case_id)
    if case.status is not CaseStatus.OPEN:
        raise CaseNotOpen(case_id)
    await uow.lock_customer(case.customer_id)
    open_amount, strangers = 0, []
    for invoice_id in invoice_ids:
        owed = await uow.dunned.owed_on(invoice_id)
        if owed is None or owed[0] != case.customer_id or owed[1] != case.currency or owed[2] <= 0:
            strangers.append(invoice_id)
        else:
            open_amount += owed[2]
    if strangers:
        raise InvoicesNotOfCustomer(strangers)
    planned = [
        i
        for p in await uow.plans.on_track(case.customer_id)
        for i in p.invoice_ids
        if i in invoice_ids
    ]
    if planned:
        raise InvoicesAlreadyPlanned(planned)
    policy = await uow.policies.in_force(await uow.policies.name_for(case.customer_id))
    plan = agree_plan(
        plan_id,
        case_id,
        case.customer_id,
        currency=case.currency,
        invoice_ids=invoice_ids,
        open_amount=open_amount,
        instalments=instalments,
        grace_days=policy.promise_grace_days if policy else DEFAULT_GRACE_DAYS,
        agreed_on=on,
    )
    await uow.plans.save(plan)
    await uow.emit(
        PaymentPlanAgreed(
            customer_id=plan.customer_id,
            plan_id=plan.id,
            case_id=plan.case_id,
            currency=plan.currency,
            invoice_ids=list(plan.invoice_ids),
            instalments=[
                PlanInstalment(due_on=i.due_on, amount=format_minor(i.amount, plan.currency))
                for i in plan.instalments
            ],
        )
    )
    return plan


async def _ended(uow: CollectionsUnitOfWork, plan: PaymentPlan) -> None:
    assert plan.ended_on is not None
    await uow.emit(
        PaymentPlanEnded(
            customer_id=plan.customer_id,
            plan_id=plan.id,
            case_id=plan.case_id,
            outcome=plan.status.value,
            ended_on=plan.ended_on,
        )
    )


async def count_towards_plans(
    uow: CollectionsUnitOfWork, *, customer_id: str, allocated: Mapping[str, int], on: date
) -> None:
    """Payments allocated to invoices (invoice → amount) count towards the plans covering them."""
    for plan in await uow.plans.on_track(customer_id):
        counted = plan.count_payment(allocated, on)
        if counted == plan:
            continue
        await uow.plans.save(counted)
        if counted.status is PlanStatus.COMPLETED:
            await _ended(uow, counted)


async def judge_plans(uow: CollectionsUnitOfWork, as_of: date) -> None:
    """A run dated after a missed instalment's grace breaks its plan; dunning resumes."""
    for plan in await uow.plans.on_track():
        judged = plan.judge(as_of)
        if judged.status is PlanStatus.BROKEN:
            await uow.plans.save(judged)
            await _ended(uow, judged)


async def plan_by_id(uow: CollectionsUnitOfWork, plan_id: str) -> PaymentPlan:
    plan = await uow.plans.get(plan_id)
    if plan is None:
        raise PlanNotFound(plan_id)
    return plan
