"""Tables of the inputs credit assessments read: statements and bureau reports."""

from datetime import date, datetime

from sqlalchemy import BigInteger, DateTime
from sqlmodel import Field

from credit_svc.adapters.tables import Table


class FinancialStatementRow(Table, table=True):
    """A customer's financial statement for a period, as recorded by a credit manager."""

    __tablename__ = "financial_statements"

    id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    period_end: date
    currency: str
    current_assets: int = Field(sa_type=BigInteger)
    current_liabilities: int = Field(sa_type=BigInteger)
    cash: int = Field(sa_type=BigInteger)
    marketable_securities: int = Field(sa_type=BigInteger)
    receivables: int = Field(sa_type=BigInteger)
    inventory: int = Field(sa_type=BigInteger)
    total_assets: int = Field(sa_type=BigInteger)
    total_liabilities: int = Field(sa_type=BigInteger)
    equity: int = Field(sa_type=BigInteger)
    retained_earnings: int = Field(sa_type=BigInteger)
    ebit: int = Field(sa_type=BigInteger)
    sales: int = Field(sa_type=BigInteger)
    recorded_by: str
    recorded_at: datetime = Field(sa_type=DateTime(timezone=True))


class BureauReportRow(Table, table=True):
    """A credit bureau's score for a customer, on the agency's own scale."""

    __tablename__ = "bureau_reports"

    id: str = Field(primary_key=True)
    customer_id: str = Field(index=True)
    agency: str
    score: int
    scale_min: int
    scale_max: int
    rating: str | None = None
    reported_on: date
    recorded_by: str
    recorded_at: datetime = Field(sa_type=DateTime(timezone=True))
