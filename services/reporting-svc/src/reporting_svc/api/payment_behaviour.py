"""Payment-cycle analysis: who pays late and how late, and who pays well."""

from datetime import timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, bad_cursor, decode_json_cursor
from reporting_svc.api.kpi_inputs import row_head
from reporting_svc.api.kpi_parameters import ROUNDING, InvalidWindow
from reporting_svc.api.parameters import CustomerFilter, ReportDate
from reporting_svc.api.report_paging import ReportPage, RowKey, RowsLimit, report_order
from reporting_svc.api.routes import CanReadReports
from reporting_svc.projections.aging.query import load_groups
from reporting_svc.projections.aging.rows import GroupBy
from reporting_svc.projections.kpis.figures import two_places
from reporting_svc.projections.payment_behaviour.analysis import payment_behaviour
from reporting_svc.projections.payment_behaviour.query import load_settled_invoices

router = APIRouter(prefix="/v1/reports", tags=["payment behaviour"])


class SortBy(StrEnum):
    DAYS_BEYOND_TERMS = "average_days_beyond_terms"
    SHARE_LATE = "share_paid_late_percent"
    LONGEST_DELAY = "longest_delay_days"
    DAYS_TO_PAY = "average_days_to_pay"


class Direction(StrEnum):
    DESC = "desc"
    ASC = "asc"


@router.get("/payment-behaviour", summary="Per customer or group: how soon and how late it pays")
async def get_payment_behaviour(
    first: Annotated[ReportDate, Query(alias="from", description="First day invoices were paid")],
    last: Annotated[ReportDate, Query(alias="to", description="Last day invoices were paid")],
    session: DbSession,
    _: CanReadReports,
    group_by: GroupBy = GroupBy.CUSTOMER,
    customer_id: CustomerFilter = None,
    sort: SortBy = SortBy.DAYS_BEYOND_TERMS,
    direction: Direction = Direction.DESC,
    limit: RowsLimit = 500,
    cursor: Cursor = None,
) -> dict[str, Any]:
    page = ReportPage(_sorted_after(cursor), limit)
    if first > last:
        raise InvalidWindow("from is after to", field="from")
    if last - first > timedelta(days=3660):
        raise InvalidWindow("the window is at most ten years", field="from")
    invoices = await load_settled_invoices(session, last, customer_id)
    groups = await load_groups(session, group_by, [i.customer_id for i in invoices], last)
    found = payment_behaviour(invoices, first, last, groups)
    rows = []
    for key, b in found.items():
        row = {
            **row_head(key, group_by),
            "invoices_paid": b.invoices_paid,
            "average_days_to_pay": two_places(b.average_days_to_pay),
            "average_days_beyond_terms": two_places(b.average_days_late),
            "share_paid_late_percent": two_places(b.share_paid_late),
            "longest_delay_days": b.longest_delay,
            "distribution": b.bands,
        }
        rows.append(((str(row[sort.value]), *key), row))
    sign = -1 if direction is Direction.DESC else 1

    def order(key: RowKey) -> tuple[Any, ...]:
        # Ties in report order, so the pages are the same on every call.
        return sign * Decimal(key[0]), report_order(key[1:])

    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "group_by": group_by.value,
        "convention": {
            "paid": "an invoice is paid on the first day its settlements, in date order, reach "
            "its total; invoices paid in [from, to] count",
            "days_to_pay": "paid date less issue date, averaged over invoices",
            "days_beyond_terms": "paid date less due date, never below zero, weighted by "
            "invoice total",
            "distribution": "invoices by days late: on time, 1-15, 16-30, 31-60, over 60",
            "rounding": ROUNDING,
        },
        **page.rows(rows, order),
    }


def _sorted_after(cursor: str | None) -> RowKey | None:
    """The figure sorted by, the group and the currency of a previous page's last row."""
    key = decode_json_cursor(cursor)
    if key is None:
        return None
    if not isinstance(key, list) or len(key) != 3:
        raise bad_cursor()
    figure, group, currency = key
    if not (group is None or isinstance(group, str)) or not isinstance(currency, str):
        raise bad_cursor()
    try:
        # Negated as the descending order will: a figure out of Decimal's range is refused.
        if not isinstance(figure, str) or not (-Decimal(figure)).is_finite():
            raise bad_cursor()
    except ArithmeticError as exc:
        raise bad_cursor() from exc
    return figure, group, currency
