"""Report routes: parse, read the projection, respond."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor
from reporting_svc.api.aging_export import ExportFormat, export_response, wanted_format
from reporting_svc.api.aging_out import cursor_key, next_page, report_head, row_out
from reporting_svc.api.parameters import AsOf, BucketEdges, CustomerFilter, KnownAt
from reporting_svc.api.schemas import AgingReportOut
from reporting_svc.projections.aging.buckets import DEFAULT_EDGES, buckets_for, parse_edges
from reporting_svc.projections.aging.open_items import AgingBasis
from reporting_svc.projections.aging.report_query import age_in_database
from reporting_svc.projections.aging.rows import GroupBy

router = APIRouter(prefix="/v1/reports", tags=["reports"])

CanReadReports = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.ACCOUNTANT,
            Role.CREDIT_MANAGER,
            Role.COLLECTOR,
            Role.AUDITOR,
            Role.ADMIN,
            Role.SERVICE,
        )
    ),
]
AgingLimit = Annotated[int, Query(ge=1, le=500, description="Rows per page")]


@router.get(
    "/aging",
    response_model=None,
    summary="Receivables aging at a date, by group and currency, as known at a time",
    responses={
        200: {
            "model": AgingReportOut,
            "content": {"text/csv": {}, ExportFormat.XLSX.media_type: {}},
        }
    },
)
async def get_aging(
    request: Request,
    as_of: AsOf,
    session: DbSession,
    _: CanReadReports,
    customer_id: CustomerFilter = None,
    buckets: BucketEdges = None,
    basis: AgingBasis = AgingBasis.DUE_DATE,
    group_by: GroupBy = GroupBy.CUSTOMER,
    known_at: KnownAt = None,
    limit: AgingLimit = 500,
    cursor: Cursor = None,
    format: ExportFormat | None = None,
) -> Any:
    edges = parse_edges(buckets)
    spans = buckets_for(edges)
    after = cursor_key(cursor)
    legacy = edges == DEFAULT_EDGES
    head = report_head(as_of, known_at, basis, group_by)
    chosen = wanted_format(format, request.headers.get("accept"))
    if chosen is not ExportFormat.JSON:
        # An export is the whole report: every row, then the totals.
        whole = await age_in_database(session, as_of, known_at, customer_id, spans, basis, group_by)
        return export_response(chosen, head, spans, whole, group_by)
    result = await age_in_database(
        session, as_of, known_at, customer_id, spans, basis, group_by, after, limit
    )
    page = result.rows
    return {
        **head,
        "buckets": [
            {"label": b.label, "from_days": b.from_days, "to_days": b.to_days} for b in spans
        ],
        "rows": [row_out(r, spans, group_by, legacy) for r in page],
        "totals": [row_out(t, spans, None, legacy) for t in result.totals],
        "next_cursor": next_page(page, limit),
    }
