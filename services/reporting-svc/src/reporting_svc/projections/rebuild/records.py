"""Emptying reporting's projections and inbox for a rebuild, and reading its progress.

Collection budgets are reporting's own records, not a projection of anyone's events: they
stay. Idempotency keys and dead letters stay too.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import messaging
from reporting_svc.adapters.tables_rebuild import ProjectionRebuildRow

PROJECTIONS = (
    "customers",
    "invoices",
    "payment_allocations",
    "invoice_adjustments",
    "invoice_instalments",
    "aging_changes",
    "aging_change_totals",
    "customer_segments",
    "disputes",
    "credit_notes",
    "late_fee_invoices",
    "reconciliations",
    "reconciliation_discrepancies",
    "contracts",
    "credit_limits",
    "credit_holds",
    "credit_reservations",
    "grade_changes",
    "promises",
    "payment_plans",
)


async def empty_projections(session: AsyncSession) -> None:
    # TRUNCATE locks its tables in the order named. The consumer claims an event in the inbox
    # before it writes any projection, so naming the inbox first makes the rebuild wait for
    # an event being applied instead of deadlocking with it.
    names = ", ".join((messaging.inbox.name, *PROJECTIONS))
    await session.execute(text(f"TRUNCATE {names}"))


async def record_rebuild(
    session: AsyncSession, rebuild_id: str, started_at: datetime, replayed: dict[str, Any]
) -> None:
    await session.execute(
        insert(ProjectionRebuildRow).values(
            rebuild_id=rebuild_id, started_at=started_at, replayed=replayed
        )
    )


async def record_replayed(session: AsyncSession, rebuild_id: str, replayed: dict[str, Any]) -> None:
    await session.execute(
        update(ProjectionRebuildRow)
        .where(col(ProjectionRebuildRow.rebuild_id) == rebuild_id)
        .values(replayed=replayed)
    )


@dataclass(frozen=True)
class Progress:
    rebuild_id: str
    started_at: datetime
    replayed: dict[str, Any]
    applied: int
    last_applied_at: datetime | None


async def progress(session: AsyncSession, rebuild_id: str) -> Progress | None:
    row = await session.get(ProjectionRebuildRow, rebuild_id)
    if row is None:
        return None
    inbox = messaging.inbox
    applied, last = (
        await session.execute(
            select(func.count(), func.max(inbox.c.received_at)).where(
                inbox.c.received_at >= row.started_at
            )
        )
    ).one()
    return Progress(row.rebuild_id, row.started_at, dict(row.replayed), int(applied), last)
