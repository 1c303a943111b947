"""The ledger's business gauge: open receivables per currency, read from the invoices when
Prometheus scrapes. reporting-svc exports the same figure from its projections; a recording
rule subtracts one from the other, so a lost or misapplied event shows as a difference."""

from datetime import date

from prometheus_client import Gauge
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.invoicing import InvoiceRow
from ledgerflow_events.money import format_minor

OPEN_RECEIVABLES = Gauge(
    "ledgerflow_ledger_receivables",
    "Open receivables in the ledger at today's date, in major units, by currency",
    ["currency"],
    multiprocess_mode="livemax",
)


async def measure_open_receivables(session: AsyncSession, today: date) -> None:
    # Every currency the ledger has invoiced, so a fully paid currency shows 0, not a gap.
    in_currency = col(InvoiceRow.currency)
    issued = col(InvoiceRow.issue_date) <= today
    owed = func.coalesce(func.sum(col(InvoiceRow.open_amount)).filter(issued), 0)
    rows = await session.execute(select(in_currency, owed).group_by(in_currency))
    for row in rows:
        currency, minor = str(row[0]), int(row[1])
        OPEN_RECEIVABLES.labels(currency=currency).set(float(format_minor(minor, currency)))
