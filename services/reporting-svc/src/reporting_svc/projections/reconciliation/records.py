"""Recording reconciliations once, and reading them back summarised per currency."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables_reconciliation import DiscrepancyRow, ReconciliationRow
from reporting_svc.projections.reconciliation.summaries import (
    DiscrepancyTotal,
    LineCounts,
    Reconciliation,
    ReconciliationSummary,
)


async def record_reconciliation(session: AsyncSession, run: Reconciliation) -> None:
    """Written under its id and line ids: the same reconciliation again changes nothing."""
    counts = run.counts
    await session.execute(
        insert(ReconciliationRow)
        .values(
            reconciliation_id=run.reconciliation_id,
            statement_id=run.statement_id,
            statement_date=run.statement_date,
            period_from=run.period_from,
            period_to=run.period_to,
            matched=counts.matched,
            proposed=counts.proposed,
            created=counts.created,
            duplicates=counts.duplicates,
            amount_mismatches=counts.amount_mismatches,
            unmatched=counts.unmatched,
            not_applicable=counts.not_applicable,
            created_payments=run.created_payments,
        )
        .on_conflict_do_nothing()
    )
    if run.discrepancies:
        await session.execute(
            insert(DiscrepancyRow)
            .values(
                [
                    {
                        "reconciliation_id": run.reconciliation_id,
                        "line_id": d.line_id,
                        "outcome": d.outcome,
                        "currency": d.currency,
                        "amount_minor": d.amount,
                        "customer_id": d.customer_id,
                        "invoice_id": d.invoice_id,
                    }
                    for d in run.discrepancies
                ]
            )
            .on_conflict_do_nothing()
        )


async def reconciliation_summaries(
    session: AsyncSession, *, start: date | None, end: date | None, after: str | None, limit: int
) -> list[ReconciliationSummary]:
    """Reconciliations of statements dated within the period, by id, with discrepancies per
    currency."""
    query = select(ReconciliationRow).order_by(col(ReconciliationRow.reconciliation_id))
    if start is not None:
        query = query.where(col(ReconciliationRow.statement_date) >= start)
    if end is not None:
        query = query.where(col(ReconciliationRow.statement_date) <= end)
    if after is not None:
        query = query.where(col(ReconciliationRow.reconciliation_id) > after)
    runs = (await session.execute(query.limit(limit))).scalars().all()
    ids = [r.reconciliation_id for r in runs]
    totals = await session.execute(
        select(
            col(DiscrepancyRow.reconciliation_id),
            col(DiscrepancyRow.currency),
            func.count(),
            func.sum(col(DiscrepancyRow.amount_minor)),
        )
        .where(col(DiscrepancyRow.reconciliation_id).in_(ids))
        .group_by(col(DiscrepancyRow.reconciliation_id), col(DiscrepancyRow.currency))
        .order_by(col(DiscrepancyRow.currency))
    )
    by_run: dict[str, list[DiscrepancyTotal]] = {}
    for run_id, currency, lines, amount in totals:
        by_run.setdefault(run_id, []).append(DiscrepancyTotal(currency, lines, int(amount)))
    return [
        ReconciliationSummary(_to_domain(r), tuple(by_run.get(r.reconciliation_id, [])))
        for r in runs
    ]


def _to_domain(row: ReconciliationRow) -> Reconciliation:
    counts = LineCounts(
        row.matched,
        row.proposed,
        row.created,
        row.duplicates,
        row.amount_mismatches,
        row.unmatched,
        row.not_applicable,
    )
    return Reconciliation(
        row.reconciliation_id,
        row.statement_id,
        row.statement_date,
        row.period_from,
        row.period_to,
        counts,
        row.created_payments,
        discrepancies=(),
    )
