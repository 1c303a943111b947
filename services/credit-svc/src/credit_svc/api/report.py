"""The credit report per customer, as JSON or PDF (Accept: application/pdf or ?format=pdf)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Response

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanRead, Resources
from credit_svc.api.report_pdf import render_pdf
from credit_svc.api.report_schemas import CreditReportOut, report_out
from credit_svc.use_cases.read_credit_report import ReportFontMissing, read_credit_report
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(prefix="/v1/customers/{customer_id}", tags=["credit report"])
PDF = "application/pdf"


@router.get(
    "/credit-report",
    response_model=CreditReportOut,
    summary="A customer's credit report: profile, exposure, limits, ratios, score, warnings",
    responses={200: {"content": {PDF: {}}, "description": "JSON, or the PDF when asked"}},
)
async def get_credit_report(
    customer_id: str,
    session: DbSession,
    resources: Resources,
    now: Now,
    _: CanRead,
    format: Annotated[Literal["json", "pdf"] | None, Query(description="pdf or json")] = None,
    accept: Annotated[str | None, Header(max_length=500)] = None,
) -> Response | CreditReportOut:
    as_pdf = format == "pdf" or (format is None and accept is not None and PDF in accept)
    if as_pdf and resources.report_font is None:
        raise ReportFontMissing()
    report = report_out(await read_credit_report(CreditUnitOfWork(session), customer_id, now))
    if not as_pdf:
        return report
    assert resources.report_font is not None
    return Response(
        render_pdf(report, resources.report_font),
        media_type=PDF,
        headers={"Content-Disposition": f'inline; filename="credit-report-{customer_id}.pdf"'},
    )
