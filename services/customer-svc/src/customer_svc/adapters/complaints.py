"""Where customers' complaints are kept and measured."""

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from customer_svc.adapters.tables.complaints import ComplaintRow
from customer_svc.domain.complaints.complaint import (
    Category,
    Channel,
    Complaint,
    ComplaintStatus,
    Severity,
    elapsed_seconds,
)
from customer_svc.domain.complaints.stats import ComplaintTiming

# The steps of handling a complaint: everything a save may change after it was recorded.
_HANDLING = (
    "status",
    "assignee",
    "assigned_at",
    "first_response_at",
    "resolved_at",
    "resolution",
    "resolved_by",
)


def _complaint(row: ComplaintRow) -> Complaint:
    return Complaint(
        id=row.id,
        customer_id=row.customer_id,
        channel=Channel(row.channel),
        category=Category(row.category),
        severity=Severity(row.severity),
        description=row.description,
        status=ComplaintStatus(row.status),
        received_at=row.received_at,
        recorded_by=row.recorded_by,
        assignee=row.assignee,
        assigned_at=row.assigned_at,
        first_response_at=row.first_response_at,
        resolved_at=row.resolved_at,
        resolution=row.resolution,
        resolved_by=row.resolved_by,
    )


def _values(complaint: Complaint, names: tuple[str, ...]) -> dict[str, object]:
    values = {name: getattr(complaint, name) for name in names}
    return {k: v.value if isinstance(v, ComplaintStatus) else v for k, v in values.items()}


class ComplaintRepository:
    """Complaints of customer-svc's customers, from receipt to resolution."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, complaint: Complaint) -> None:
        await self._session.execute(
            insert(ComplaintRow).values(
                id=complaint.id,
                customer_id=complaint.customer_id,
                channel=complaint.channel.value,
                category=complaint.category.value,
                severity=complaint.severity.value,
                description=complaint.description,
                received_at=complaint.received_at,
                recorded_by=complaint.recorded_by,
                **_values(complaint, _HANDLING),
            )
        )

    async def save(self, complaint: Complaint) -> None:
        await self._session.execute(
            update(ComplaintRow)
            .where(col(ComplaintRow.id) == complaint.id)
            .values(**_values(complaint, _HANDLING))
        )

    async def customer_of(self, complaint_id: str) -> str | None:
        query = select(col(ComplaintRow.customer_id)).where(col(ComplaintRow.id) == complaint_id)
        return (await self._session.execute(query)).scalar_one_or_none()

    async def get(self, complaint_id: str) -> Complaint | None:
        query = select(ComplaintRow).where(col(ComplaintRow.id) == complaint_id)
        row = (await self._session.execute(query)).scalar_one_or_none()
        return _complaint(row) if row else None

    async def page(
        self,
        *,
        customer_id: str | None,
        status: ComplaintStatus | None,
        assignee: str | None,
        after: str | None,
        limit: int,
    ) -> list[Complaint]:
        query = select(ComplaintRow).order_by(col(ComplaintRow.id)).limit(limit)
        if customer_id is not None:
            query = query.where(col(ComplaintRow.customer_id) == customer_id)
        if status is not None:
            query = query.where(col(ComplaintRow.status) == status.value)
        if assignee is not None:
            query = query.where(col(ComplaintRow.assignee) == assignee)
        if after is not None:
            query = query.where(col(ComplaintRow.id) > after)
        return [_complaint(r) for r in (await self._session.execute(query)).scalars()]

    async def timings(
        self, received_from: datetime, received_before: datetime
    ) -> list[ComplaintTiming]:
        """The clock of every complaint received in [from, before): no text is read."""
        query = select(
            col(ComplaintRow.status),
            col(ComplaintRow.category),
            col(ComplaintRow.severity),
            col(ComplaintRow.received_at),
            col(ComplaintRow.first_response_at),
            col(ComplaintRow.resolved_at),
        ).where(
            col(ComplaintRow.received_at) >= received_from,
            col(ComplaintRow.received_at) < received_before,
        )
        rows = await self._session.execute(query)
        return [
            ComplaintTiming(
                ComplaintStatus(status),
                Category(category),
                Severity(severity),
                elapsed_seconds(received, responded),
                elapsed_seconds(received, resolved),
            )
            for status, category, severity, received, responded, resolved in rows
        ]
