"""GET /v1/reports/customer-table: customer-svc's finance table, read with the caller's own
token (so it masks and audits as for the caller), with paid and unpaid per contract."""

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ledgerflow_platform.service_client import UpstreamRefused, UpstreamUnavailable
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.problems import FORBIDDEN, Problem, ProblemType
from ledgerflow_platform.web.resources import resources_of
from reporting_svc.api.aging_export import ExportFormat, wanted_format
from reporting_svc.api.customer_table_out import row_json, table_csv, table_xlsx
from reporting_svc.api.parameters import AsOf
from reporting_svc.api.routes import CanReadReports
from reporting_svc.background import ReportingResources
from reporting_svc.projections.customer_table.figures import __doc__ as FIGURES
from reporting_svc.projections.customer_table.query import figures_at, load_contracts
from reporting_svc.projections.customer_table.table import table_rows

router = APIRouter(prefix="/v1/reports", tags=["customer table"])

Resources = Annotated[ReportingResources, Depends(resources_of(ReportingResources))]
UPSTREAM_REFUSED = ProblemType(
    502, "upstream-refused", "customer-svc refused to read the customer table for you"
)


async def _customer_lines(resources: ReportingResources, token: str) -> list[dict[str, str]]:
    if resources.customers is None:
        raise UpstreamUnavailable("customer", "its address is not configured")
    try:
        response = await resources.customers.get(
            "/v1/customer-exports", params={"format": "csv"}, on_behalf_of=token
        )
    except UpstreamRefused as exc:
        # customer-svc decides who may read its people: its refusal of the caller is ours.
        if exc.status_code in (401, 403):
            raise Problem(FORBIDDEN, "customer-svc does not let your role read its table") from exc
        raise Problem(UPSTREAM_REFUSED, f"customer-svc answered {exc.status_code}") from exc
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _convention() -> dict[str, str]:
    return {
        "figures": " ".join((FIGURES or "").split()),
        "people": "customer, contact, phone, email and notes as customer-svc shows them to "
        "the caller's role (masked or clear); the read is audited under the caller",
        "rounding": "amounts at the contract currency's scale",
    }


@router.get(
    "/customer-table",
    response_model=None,
    summary="The finance customer table: contracts with paid and unpaid at a date",
    responses={
        200: {"content": {"text/csv": {}, ExportFormat.XLSX.media_type: {}}},
        403: {"description": "customer-svc does not let the caller's role read its table"},
        502: {"description": "customer-svc refused the read"},
        503: {"description": "customer-svc did not answer"},
    },
)
async def get_customer_table(
    request: Request,
    as_of: AsOf,
    session: DbSession,
    resources: Resources,
    _: CanReadReports,
    format: ExportFormat | None = None,
) -> Any:
    token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    lines = await _customer_lines(resources, token)
    rows = table_rows(lines, await load_contracts(session), await figures_at(session, as_of))
    chosen = wanted_format(format, request.headers.get("accept"))
    if chosen is ExportFormat.JSON:
        return {"as_of": as_of.isoformat(), "convention": _convention(),
                "rows": [row_json(r) for r in rows]}  # fmt: skip
    body = table_csv(rows) if chosen is ExportFormat.CSV else table_xlsx(rows, as_of)
    name = f"customer-table-{as_of.isoformat()}.{chosen.value}"
    return Response(body, media_type=chosen.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip
