"""Credit holds, open and released."""

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from credit_svc.adapters.tables import CreditHoldRow
from credit_svc.domain.holds import Hold, HoldReason


class Holds:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def open_of(self, customer_id: str) -> list[Hold]:
        rows = await self._session.execute(
            select(CreditHoldRow)
            .where(
                col(CreditHoldRow.customer_id) == customer_id,
                col(CreditHoldRow.released_at).is_(None),
            )
            .order_by(col(CreditHoldRow.placed_at), col(CreditHoldRow.id))
        )
        return [_hold(r) for r in rows.scalars().all()]

    async def get(self, hold_id: str) -> Hold | None:
        row = (
            await self._session.execute(
                select(CreditHoldRow).where(col(CreditHoldRow.id) == hold_id).with_for_update()
            )
        ).scalar_one_or_none()
        return _hold(row) if row else None

    async def place(self, hold: Hold) -> bool:
        """Record an open hold; False if an automatic hold for the same cause is already open."""
        found = await self._session.execute(
            insert(CreditHoldRow)
            .values(
                id=hold.id,
                customer_id=hold.customer_id,
                reason=hold.reason,
                note=hold.note,
                placed_at=hold.placed_at,
                placed_by=hold.placed_by,
            )
            .on_conflict_do_nothing()
            .returning(col(CreditHoldRow.id))
        )
        return found.first() is not None

    async def save_release(self, hold: Hold) -> None:
        row = await self._session.get(CreditHoldRow, hold.id)
        assert row is not None, "only a hold that was read is released"
        row.released_at = hold.released_at
        row.released_by = hold.released_by
        row.release_note = hold.release_note
        await self._session.flush()


def _hold(row: CreditHoldRow) -> Hold:
    return Hold(
        id=row.id,
        customer_id=row.customer_id,
        reason=HoldReason(row.reason),
        placed_at=row.placed_at,
        placed_by=row.placed_by,
        note=row.note,
        released_at=row.released_at,
        released_by=row.released_by,
        release_note=row.release_note,
    )
