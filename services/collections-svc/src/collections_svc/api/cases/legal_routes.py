"""A case in legal and its bundle of papers, one PDF for the lawyers."""

import asyncio
from datetime import date

from fastapi import APIRouter
from fastapi.responses import Response

from collections_svc.adapters.ledger_statements import StatementUnavailable
from collections_svc.adapters.legal_bundle import render_bundle
from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.access import Resources
from collections_svc.api.cases.render import worker_of
from collections_svc.api.cases.routes import CanReadCases, CaseId
from collections_svc.domain.statement_run import notice_statement_period
from collections_svc.use_cases.work_cases import legal_bundle_of
from ledgerflow_platform.service_client import UpstreamUnavailable
from ledgerflow_platform.web.business_date import BusinessDate
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/cases", tags=["cases"])


@router.get(
    "/{case_id}/legal-bundle.pdf",
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {}},
            "description": "Cover page, every notice sent for the case's invoices, statement",
        },
        503: {"description": "The ledger (for the statement) or customer-svc did not answer"},
    },
    summary="The legal bundle of a case escalated to legal (404 for any other case)",
)
async def get_legal_bundle(
    case_id: CaseId,
    session: DbSession,
    resources: Resources,
    principal: CanReadCases,
    today: BusinessDate,
) -> Response:
    bundle = await legal_bundle_of(
        CollectionsUnitOfWork(session), case_id, worker_of(principal), today
    )
    customer_id = bundle.case.customer_id
    name, language = None, "en"
    if (directory := resources.sending.recipients) is not None:
        found = await directory.recipients_of(customer_id)
        name, language = found.name, found.language
    statement = await _statement(resources, customer_id, today)
    pdf = await asyncio.to_thread(
        render_bundle,
        bundle,
        name,
        language,
        resources.letterhead,
        resources.font_file,
        statement,
    )
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="legal-bundle-{bundle.case.id}.pdf"'},
    )


async def _statement(resources: Resources, customer_id: str, today: date) -> bytes:
    statements = resources.sending.statements
    if statements is None:
        raise UpstreamUnavailable("ledger", "no ledger_url configured")
    try:
        return await statements.statement_pdf(customer_id, *notice_statement_period(today))
    except StatementUnavailable as exc:
        raise UpstreamUnavailable("ledger", str(exc)) from exc
