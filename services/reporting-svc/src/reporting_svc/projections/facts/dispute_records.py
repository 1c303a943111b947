"""Recording disputes: an amount of an invoice set apart from its opening to its resolution."""

from datetime import date, datetime

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables_groups import DisputeRow


async def record_dispute_opened(
    session: AsyncSession,
    dispute_id: str,
    invoice_id: str,
    customer_id: str,
    amount: int,
    opened: tuple[date, datetime | None],
) -> None:
    on, at = opened
    await session.execute(
        insert(DisputeRow)
        .values(
            dispute_id=dispute_id,
            invoice_id=invoice_id,
            customer_id=customer_id,
            amount_minor=amount,
            opened_on=on,
            opened_at=at,
        )
        # A resolution that came first made the row already: the opening completes it.
        .on_conflict_do_update(
            index_elements=[col(DisputeRow.dispute_id)],
            set_={"opened_on": on, "opened_at": at},
        )
    )


async def record_dispute_resolved(
    session: AsyncSession,
    dispute_id: str,
    invoice_id: str,
    customer_id: str,
    amount: int,
    resolved: tuple[date, datetime | None],
) -> None:
    on, at = resolved
    # Kept with the resolution date as its opening until the opening arrives.
    await session.execute(
        insert(DisputeRow)
        .values(
            dispute_id=dispute_id,
            invoice_id=invoice_id,
            customer_id=customer_id,
            amount_minor=amount,
            opened_on=on,
            opened_at=at,
            resolved_on=on,
            resolved_at=at,
        )
        .on_conflict_do_nothing()
    )
    await session.execute(
        update(DisputeRow)
        .where(col(DisputeRow.dispute_id) == dispute_id)
        .values(
            resolved_on=func.coalesce(col(DisputeRow.resolved_on), on),
            resolved_at=func.coalesce(col(DisputeRow.resolved_at), at),
        )
    )
