"""Assessment routes: a credit manager assesses a customer; readers list the assessments."""

from fastapi import APIRouter, Response

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanDecide, CanRead, Resources
from credit_svc.api.assessment_schemas import (
    Assess,
    AssessmentList,
    AssessmentOut,
    assessment_out,
)
from credit_svc.domain.amounts import business_date
from credit_svc.use_cases.assess_customer import assess_customer
from credit_svc.use_cases.credit_standing import account_of
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1/customers/{customer_id}", tags=["assessments"])


@router.post(
    "/assessments",
    status_code=201,
    response_model=AssessmentOut,
    summary="Score and grade a customer under the policy in force; a new grade is told",
)
async def post_assessment(
    customer_id: str,
    body: Assess,
    session: DbSession,
    idempotency: Idempotent,
    resources: Resources,
    now: Now,
    principal: CanDecide,
) -> Response | AssessmentOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    assessment, limit = await assess_customer(
        uow,
        customer_id,
        as_of=business_date(body.as_of, today=now.date()),
        apply_limit=body.apply_proposed_limit,
        threshold_of=resources.approval_threshold,
        by=principal.subject,
        now=now,
    )
    response = assessment_out(assessment, limit)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.get(
    "/assessments",
    response_model=AssessmentList,
    summary="A customer's assessments with their score breakdown, latest first",
)
async def list_assessments(customer_id: str, session: DbSession, _: CanRead) -> AssessmentList:
    uow = CreditUnitOfWork(session)
    await account_of(uow, customer_id)
    return AssessmentList(items=[assessment_out(a) for a in await uow.assessments.of(customer_id)])
