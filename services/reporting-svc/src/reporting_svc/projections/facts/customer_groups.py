"""What reports group customers by: industry, region, segments, credit grade and collector.

Attributes arrive from three producers in any order, so a customer not yet registered is kept
with an empty name and currency until its registration fills them in.
"""

from collections.abc import Iterable

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import CustomerAccountRow
from reporting_svc.adapters.tables_groups import CustomerSegmentRow

GROUP_ATTRIBUTES = ("industry", "region", "grade", "collector")


async def record_customer_attributes(
    session: AsyncSession, customer_id: str, attributes: dict[str, str | None]
) -> None:
    """Set the given group attributes (None clears one); others stay as they were."""
    unknown = set(attributes) - set(GROUP_ATTRIBUTES)
    if unknown:
        raise ValueError(f"not a group attribute: {sorted(unknown)}")
    if not attributes:
        return
    statement = insert(CustomerAccountRow).values(
        id=customer_id, name="", currency="", **attributes
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[col(CustomerAccountRow.id)],
            set_={name: statement.excluded[name] for name in attributes},
        )
    )


async def record_segments(session: AsyncSession, customer_id: str, segments: Iterable[str]) -> None:
    """The customer's segments are exactly these from now on."""
    await session.execute(
        delete(CustomerSegmentRow).where(col(CustomerSegmentRow.customer_id) == customer_id)
    )
    rows = [{"customer_id": customer_id, "segment": s} for s in sorted(set(segments))]
    if rows:
        await session.execute(insert(CustomerSegmentRow).values(rows).on_conflict_do_nothing())
