"""The log of every disclosure of clear personal values, for auditors to review."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col
from uuid6 import uuid7

from customer_svc.adapters.tables.personal_data import AccessLogRow
from customer_svc.domain.personal_data import Disclosure, Reader


@dataclass(frozen=True)
class AccessLogQuery:
    """Which disclosures an auditor wants to see."""

    customer_id: str | None = None
    subject: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class AccessLog:
    """Every disclosure of clear personal values, kept for auditors."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def record(self, reader: Reader, disclosures: Iterable[Disclosure], at: datetime) -> None:
        for disclosure in disclosures:
            self._session.add(
                AccessLogRow(
                    id=str(uuid7()),
                    at=at,
                    subject=reader.subject,
                    roles=sorted(reader.roles),
                    customer_id=disclosure.customer_id,
                    fields=list(disclosure.fields),
                    record_ids=list(disclosure.record_ids),
                    purpose=reader.purpose,
                )
            )

    async def page(
        self, query: AccessLogQuery, *, before: str | None, limit: int
    ) -> list[AccessLogRow]:
        """Newest first."""
        stmt = select(AccessLogRow).order_by(col(AccessLogRow.id).desc()).limit(limit)
        if before is not None:
            stmt = stmt.where(col(AccessLogRow.id) < before)
        if query.customer_id is not None:
            stmt = stmt.where(col(AccessLogRow.customer_id) == query.customer_id)
        if query.subject is not None:
            stmt = stmt.where(col(AccessLogRow.subject) == query.subject)
        if query.since is not None:
            stmt = stmt.where(col(AccessLogRow.at) >= query.since)
        if query.until is not None:
            stmt = stmt.where(col(AccessLogRow.at) < query.until)
        return list((await self._session.execute(stmt)).scalars())
