"""Financial statements and bureau reports, each kept with who recorded it and when."""

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from credit_svc.adapters.input_tables import BureauReportRow, FinancialStatementRow
from credit_svc.domain.bureau_reports import BureauReport
from credit_svc.domain.financial_statements import FinancialStatement

T = TypeVar("T")


@dataclass(frozen=True)
class Recorded(Generic[T]):
    id: str
    customer_id: str
    item: T
    recorded_by: str
    recorded_at: datetime


class CreditInputs:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_statement(self, recorded: Recorded[FinancialStatement]) -> None:
        self._session.add(FinancialStatementRow(**_row_values(recorded)))
        await self._session.flush()

    async def add_report(self, recorded: Recorded[BureauReport]) -> None:
        self._session.add(BureauReportRow(**_row_values(recorded)))
        await self._session.flush()

    async def statements(self, customer_id: str) -> list[Recorded[FinancialStatement]]:
        rows = await self._session.execute(
            select(FinancialStatementRow)
            .where(col(FinancialStatementRow.customer_id) == customer_id)
            .order_by(col(FinancialStatementRow.period_end).desc(), col(FinancialStatementRow.id))
        )
        fields = FinancialStatement.__dataclass_fields__
        return [
            Recorded(
                r.id,
                r.customer_id,
                FinancialStatement(**{k: getattr(r, k) for k in fields}),
                r.recorded_by,
                r.recorded_at,
            )
            for r in rows.scalars().all()
        ]

    async def reports(self, customer_id: str) -> list[Recorded[BureauReport]]:
        rows = await self._session.execute(
            select(BureauReportRow)
            .where(col(BureauReportRow.customer_id) == customer_id)
            .order_by(col(BureauReportRow.reported_on).desc(), col(BureauReportRow.id))
        )
        fields = BureauReport.__dataclass_fields__
        return [
            Recorded(
                r.id,
                r.customer_id,
                BureauReport(**{k: getattr(r, k) for k in fields}),
                r.recorded_by,
                r.recorded_at,
            )
            for r in rows.scalars().all()
        ]


def _row_values(
    recorded: Recorded[FinancialStatement] | Recorded[BureauReport],
) -> dict[str, Any]:
    return {
        "id": recorded.id,
        "customer_id": recorded.customer_id,
        **asdict(recorded.item),
        "recorded_by": recorded.recorded_by,
        "recorded_at": recorded.recorded_at,
    }
