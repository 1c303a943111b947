"""Reconciliation report routes: what bank reconciliations left to explain."""

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query

from ledgerflow_events.money import format_minor
from ledgerflow_platform.web.bounds import BusinessDate
from ledgerflow_platform.web.deps import DbSession
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor
from reporting_svc.api.routes import CanReadReports
from reporting_svc.api.schemas_reconciliation import (
    DiscrepancyTotalOut,
    LineCountsOut,
    ReconciliationOut,
    ReconciliationPageOut,
)
from reporting_svc.projections.reconciliation.records import reconciliation_summaries
from reporting_svc.projections.reconciliation.summaries import ReconciliationSummary, check_period

router = APIRouter(prefix="/v1/reports", tags=["reports"])

From = Annotated[
    BusinessDate | None,
    Query(alias="from", description="Statements dated on or after", examples=["2026-11-01"]),
]
To = Annotated[
    BusinessDate | None,
    Query(alias="to", description="Statements dated on or before", examples=["2026-11-30"]),
]


def _out(summary: ReconciliationSummary) -> ReconciliationOut:
    run = summary.reconciliation
    return ReconciliationOut(
        reconciliation_id=run.reconciliation_id,
        statement_id=run.statement_id,
        statement_date=run.statement_date,
        period_from=run.period_from,
        period_to=run.period_to,
        counts=LineCountsOut(**asdict(run.counts)),
        created_payments=run.created_payments,
        discrepancies=[
            DiscrepancyTotalOut(
                currency=t.currency, lines=t.lines, amount=format_minor(t.amount, t.currency)
            )
            for t in summary.discrepancies
        ],
    )


@router.get(
    "/reconciliations",
    response_model=ReconciliationPageOut,
    summary="Bank reconciliations by statement date, with unexplained lines per currency",
)
async def list_reconciliations(
    session: DbSession,
    _: CanReadReports,
    start: From = None,
    end: To = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ReconciliationPageOut:
    check_period(start, end)
    summaries = await reconciliation_summaries(
        session, start=start, end=end, after=decode_cursor(cursor), limit=limit
    )
    return ReconciliationPageOut(
        items=[_out(s) for s in summaries],
        next_cursor=next_cursor([s.reconciliation.reconciliation_id for s in summaries], limit),
    )
