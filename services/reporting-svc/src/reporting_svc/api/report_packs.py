"""POST /v1/report-packs: a month's or quarter's reports in one workbook, or printed as one PDF,
with charts, and the reconciliation of the pack's receivables to the ledger's journal at the
period's end."""

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.service_client import UpstreamRefused, UpstreamUnavailable
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.problems import FORBIDDEN, Problem
from ledgerflow_platform.web.resources import resources_of
from reporting_svc.api.aging_export import XLSX_TYPE
from reporting_svc.api.report_pack_contents import pack_contents
from reporting_svc.api.report_pack_pdf import pack_pdf
from reporting_svc.api.report_pack_xlsx import pack_xlsx, reconciliation
from reporting_svc.background import ReportingResources
from reporting_svc.projections.packs.period import ledger_balances, period_span

router = APIRouter(tags=["report packs"])
# Those who may read the ledger's journal, which the pack reconciles to with their token.
CanMakePacks = Annotated[
    Principal, Depends(require_roles(Role.ACCOUNTANT, Role.AUDITOR, Role.ADMIN))
]
Resources = Annotated[ReportingResources, Depends(resources_of(ReportingResources))]
MAX_JOURNAL_PAGES = 10_000


PDF_TYPE = "application/pdf"


class PackFormat(StrEnum):
    XLSX = "xlsx"
    PDF = "pdf"


def wanted_pack_format(given: PackFormat | None, accept: str | None) -> PackFormat:
    """`format=` wins; else the Accept header; else the workbook."""
    if given is not None:
        return given
    return PackFormat.PDF if PDF_TYPE in (accept or "") else PackFormat.XLSX


class PackIn(BaseModel):
    period: str = Field(max_length=7, examples=["2026-10", "2026-Q3"])


async def _ledger_journal(resources: ReportingResources, token: str, to: str) -> list[Any]:
    if resources.ledger is None:
        raise UpstreamUnavailable("ledger", "its address is not configured")
    entries: list[Any] = []
    cursor = None
    for _ in range(MAX_JOURNAL_PAGES):
        params = {"account": "receivable", "to": to, "limit": 500}
        if cursor is not None:
            params["cursor"] = cursor
        try:
            page = (
                await resources.ledger.get("/v1/journal", params=params, on_behalf_of=token)
            ).json()
        except UpstreamRefused as exc:
            raise Problem(FORBIDDEN, "ledger-svc does not let your role read its journal") from exc
        entries += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    return entries


@router.post(
    "/v1/report-packs",
    status_code=201,
    response_model=None,
    summary="A month's or quarter's report pack: an XLSX sheet per report, or one PDF, with charts",
    responses={
        201: {"content": {XLSX_TYPE: {}, PDF_TYPE: {}}, "description": "The pack's workbook or PDF"}
    },
)
async def create_report_pack(
    body: PackIn,
    request: Request,
    session: DbSession,
    resources: Resources,
    _: CanMakePacks,
    format: Annotated[
        PackFormat | None, Query(description="xlsx (the default) or pdf; else by Accept")
    ] = None,
) -> Response:
    first, last = period_span(body.period)
    chosen = wanted_pack_format(format, request.headers.get("accept"))
    token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    ledger = ledger_balances(await _ledger_journal(resources, token, last.isoformat()))
    pack = await pack_contents(session, body.period, first, last)
    lines = reconciliation(pack, ledger)
    # The reconciliation travels with the file too: a client can check it without opening it.
    agreed = all(booked == reported for _, booked, reported in lines)
    if chosen is PackFormat.PDF:
        content = pack_pdf(pack, ledger, resources.letterhead, resources.font_file)
    else:
        content = pack_xlsx(pack, ledger)
    return Response(
        content,
        status_code=201,
        media_type=PDF_TYPE if chosen is PackFormat.PDF else XLSX_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="report-pack-{body.period}.{chosen}"',
            "Ledgerflow-Reconciled": "true" if agreed else "false",
        },
    )
