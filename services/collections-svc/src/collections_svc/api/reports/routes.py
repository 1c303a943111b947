"""Collector performance over a period."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.api.dates import BusinessDate
from collections_svc.api.reports.schemas import (
    CollectedOut,
    CollectorFiguresOut,
    CollectorPerformance,
)
from collections_svc.use_cases.measure_collectors import collector_performance
from ledgerflow_events.money import format_minor
from ledgerflow_platform.auth.roles import Role
from ledgerflow_platform.auth.tokens import Principal
from ledgerflow_platform.web.auth import require_roles
from ledgerflow_platform.web.deps import DbSession

router = APIRouter(tags=["reports"])

# Those who manage or audit collectors read how they do.
CanReadPerformance = Annotated[
    Principal,
    Depends(require_roles(Role.CREDIT_MANAGER, Role.ADMIN, Role.AUDITOR, Role.ACCOUNTANT)),
]
From = Annotated[BusinessDate, Query(alias="from", description="First day, inclusive")]
To = Annotated[BusinessDate, Query(alias="to", description="Last day, inclusive")]


@router.get(
    "/v1/reports/collector-performance",
    response_model=CollectorPerformance,
    response_model_by_alias=True,
    summary="Per collector: collected, cases closed, promises, average days to close",
    description="collected: payments dated in the period on overdue invoices of cases assigned "
    "to the collector at the time; cases closed: cases now assigned to them closed in the "
    "period; promises made/kept/broken: by made_on/kept_on/broken_on in the period, in cases "
    "now assigned to them; average days to close: mean of closed_on - opened_on over those "
    "closed cases, to the hundredth.",
)
async def get_collector_performance(
    session: DbSession, _: CanReadPerformance, start: From, end: To
) -> CollectorPerformance:
    figures = await collector_performance(CollectionsUnitOfWork(session), start=start, end=end)
    return CollectorPerformance.model_validate(
        {
            "from": start,
            "to": end,
            "collectors": [
                CollectorFiguresOut(
                    collector=f.collector,
                    collected=[
                        CollectedOut(currency=c, amount=format_minor(a, c))
                        for c, a in sorted(f.collected.items())
                    ],
                    cases_closed=f.cases_closed,
                    promises_made=f.promises_made,
                    promises_kept=f.promises_kept,
                    promises_broken=f.promises_broken,
                    average_days_to_close=(
                        str(f.average_days_to_close) if f.days_to_close else None
                    ),
                )
                for f in figures
            ],
        }
    )
