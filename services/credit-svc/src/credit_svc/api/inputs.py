"""Inputs of credit assessments: financial statements (with their ratios) and bureau reports."""

from fastapi import APIRouter, Response

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanDecide, CanRead
from credit_svc.api.input_schemas import (
    AMOUNT_FIELDS,
    BureauReportList,
    BureauReportOut,
    RecordBureauReport,
    RecordStatement,
    StatementList,
    StatementOut,
    report_out,
    statement_out,
)
from credit_svc.domain.bureau_reports import BureauReport
from credit_svc.use_cases.credit_standing import account_of
from credit_svc.use_cases.record_credit_inputs import record_bureau_report, record_statement
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent

router = APIRouter(prefix="/v1/customers/{customer_id}", tags=["credit inputs"])


@router.post(
    "/financial-statements",
    status_code=201,
    response_model=StatementOut,
    summary="Record a financial statement; answers its ratios and Altman Z''",
)
async def post_statement(
    customer_id: str,
    body: RecordStatement,
    session: DbSession,
    idempotency: Idempotent,
    now: Now,
    principal: CanDecide,
) -> Response | StatementOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    recorded = await record_statement(
        uow,
        customer_id,
        period_end=body.period_end,
        currency=body.currency,
        amounts={f: getattr(body, f) for f in AMOUNT_FIELDS},
        by=principal.subject,
        now=now,
    )
    response = statement_out(recorded)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.get(
    "/financial-statements",
    response_model=StatementList,
    summary="A customer's financial statements with their ratios, latest first",
)
async def list_statements(customer_id: str, session: DbSession, _: CanRead) -> StatementList:
    uow = CreditUnitOfWork(session)
    await account_of(uow, customer_id)
    return StatementList(items=[statement_out(s) for s in await uow.inputs.statements(customer_id)])


@router.post(
    "/bureau-reports",
    status_code=201,
    response_model=BureauReportOut,
    summary="Record a credit bureau's report; its score is normalised to 0-100",
)
async def post_bureau_report(
    customer_id: str,
    body: RecordBureauReport,
    session: DbSession,
    idempotency: Idempotent,
    now: Now,
    principal: CanDecide,
) -> Response | BureauReportOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    report = BureauReport(**body.model_dump())
    recorded = await record_bureau_report(uow, customer_id, report, by=principal.subject, now=now)
    response = report_out(recorded)
    await idempotency.remember(201, response)
    await uow.commit()
    return response


@router.get(
    "/bureau-reports",
    response_model=BureauReportList,
    summary="A customer's bureau reports, latest first",
)
async def list_reports(customer_id: str, session: DbSession, _: CanRead) -> BureauReportList:
    uow = CreditUnitOfWork(session)
    await account_of(uow, customer_id)
    return BureauReportList(items=[report_out(r) for r in await uow.inputs.reports(customer_id)])
