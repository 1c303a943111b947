"""Report routes: parse, read the projection, respond."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ledgerflow_events.money import format_minor
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession
from reporting_svc.api.schemas import AgingReportOut, CurrencyAgingOut, CustomerAgingOut
from reporting_svc.projections.aging import AgedAmounts
from reporting_svc.projections.aging_report import aging_report

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
AsOf = Annotated[
    date,
    Query(
        description="Age receivables as they stood at the end of this day", examples=["2026-11-30"]
    ),
]
CustomerFilter = Annotated[
    str | None, Query(min_length=1, max_length=200, description="Only this customer")
]


def _amounts(amounts: AgedAmounts, currency: str) -> dict[str, str]:
    return {
        "current": format_minor(amounts.current, currency),
        "days_1_30": format_minor(amounts.days_1_30, currency),
        "days_31_60": format_minor(amounts.days_31_60, currency),
        "days_61_90": format_minor(amounts.days_61_90, currency),
        "days_over_90": format_minor(amounts.days_over_90, currency),
        "total": format_minor(amounts.total, currency),
    }


@router.get(
    "/aging",
    response_model=AgingReportOut,
    summary="Receivables aging at a date, per customer and per currency",
)
async def get_aging(
    as_of: AsOf, session: DbSession, _: CanReadReports, customer_id: CustomerFilter = None
) -> AgingReportOut:
    report = await aging_report(session, as_of, customer_id)
    return AgingReportOut(
        as_of=report.as_of,
        rows=[
            CustomerAgingOut(
                customer_id=r.customer_id, currency=r.currency, **_amounts(r.amounts, r.currency)
            )
            for r in report.rows
        ],
        totals=[
            CurrencyAgingOut(currency=t.currency, **_amounts(t.amounts, t.currency))
            for t in report.totals
        ],
    )
