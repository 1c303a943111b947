"""A reconciled bank statement is kept as a summary of what is still unexplained."""

from datetime import UTC

from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import StatementReconciled
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor
from reporting_svc.projections.reconciliation.records import record_reconciliation
from reporting_svc.projections.reconciliation.summaries import (
    Discrepancy,
    LineCounts,
    Reconciliation,
)


async def on_statement_reconciled(
    session: AsyncSession, event: ReceivedEvent[StatementReconciled]
) -> None:
    data = event.data
    # data.customer_id is the reconciliation stream, not a customer: it is never recorded.
    run = Reconciliation(
        reconciliation_id=data.reconciliation_id,
        statement_id=data.statement_id,
        statement_date=data.period_to or event.envelope.time.astimezone(UTC).date(),
        period_from=data.period_from,
        period_to=data.period_to,
        counts=LineCounts(**data.counts.model_dump()),
        created_payments=len(data.created_payment_ids),
        discrepancies=tuple(
            Discrepancy(
                d.line_id,
                d.outcome,
                d.currency,
                to_minor(d.amount, d.currency),
                d.customer_id,
                d.invoice_id,
            )
            for d in data.discrepancies
        ),
    )
    await record_reconciliation(session, run)
