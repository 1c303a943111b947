"""Payment plans, agreed in a collection case."""

from typing import Annotated

from fastapi import APIRouter, Path
from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import CanHoldDunning, CanReadCollections, Resources
from collections_svc.api.cases.render import worker_of
from collections_svc.api.plans.schemas import AgreePlan, InstalmentOut, PlanOut
from collections_svc.domain.payment_plan import Instalment, PaymentPlan
from collections_svc.use_cases.keep_plans import agree_payment_plan, plan_by_id
from collections_svc.use_cases.work_cases import case_for
from ledgerflow_events.money import format_minor, to_minor
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.problems import VALIDATION, Problem

router = APIRouter(tags=["payment plans"])
Id = Annotated[str, Path(min_length=1, max_length=64)]


def _out(plan: PaymentPlan) -> PlanOut:
    return PlanOut(
        id=plan.id,
        case_id=plan.case_id,
        customer_id=plan.customer_id,
        status=plan.status,
        currency=plan.currency,
        invoice_ids=list(plan.invoice_ids),
        instalments=[
            InstalmentOut(due_on=i.due_on, amount=format_minor(i.amount, plan.currency), kept=k)
            for i, k in zip(plan.instalments, plan.kept(), strict=True)
        ],
        total=format_minor(plan.total, plan.currency),
        paid=format_minor(plan.paid, plan.currency),
        agreed_on=plan.agreed_on,
        grace_days=plan.grace_days,
        ended_on=plan.ended_on,
    )


def _instalments(body: AgreePlan, currency: str) -> tuple[Instalment, ...]:
    parsed = []
    for index, instalment in enumerate(body.instalments):
        try:
            amount = to_minor(instalment.amount, currency)
        except ValueError as exc:
            field = f"instalments.{index}.amount"
            raise Problem(
                VALIDATION, str(exc), errors=[{"field": field, "message": str(exc)}]
            ) from exc
        parsed.append(Instalment(instalment.due_on, amount))
    return tuple(parsed)


@router.post(
    "/v1/cases/{case_id}/payment-plans",
    status_code=201,
    response_model=PlanOut,
    summary="Agree a payment plan; its invoices are held while it is on track",
)
async def post_plan(
    case_id: Id,
    body: AgreePlan,
    session: DbSession,
    resources: Resources,
    now: Now,
    principal: CanHoldDunning,
) -> PlanOut:
    uow = CollectionsUnitOfWork(session)
    case = await case_for(uow, case_id, worker_of(principal), to_work=True)
    plan = await agree_payment_plan(
        uow,
        plan_id=str(uuid7()),
        case_id=case_id,
        invoice_ids=tuple(dict.fromkeys(body.invoice_ids)),
        instalments=_instalments(body, case.currency),
        on=resources.business_date(now),
    )
    await uow.commit()
    return _out(plan)


@router.get("/v1/payment-plans/{plan_id}", response_model=PlanOut, summary="One payment plan")
async def get_plan(plan_id: Id, session: DbSession, _: CanReadCollections) -> PlanOut:
    return _out(await plan_by_id(CollectionsUnitOfWork(session), plan_id))
