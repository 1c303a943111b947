"""Financial statements and bureau reports over HTTP, with the ratios read from them."""

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from credit_svc.adapters.credit_inputs import Recorded
from credit_svc.api.limit_schemas import CurrencyCode, DecimalText
from credit_svc.domain.bureau_reports import BureauReport
from credit_svc.domain.financial_statements import FinancialStatement, ratios_of, rounded
from ledgerflow_events.money import format_minor
from ledgerflow_platform.web.bounds import BusinessDate

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Score = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]


class RecordStatement(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "period_end": "2025-12-31",
                    "currency": "EUR",
                    "current_assets": "500000.00",
                    "current_liabilities": "250000.00",
                    "cash": "80000.00",
                    "marketable_securities": "20000.00",
                    "receivables": "150000.00",
                    "inventory": "200000.00",
                    "total_assets": "1000000.00",
                    "total_liabilities": "600000.00",
                    "equity": "400000.00",
                    "retained_earnings": "150000.00",
                    "ebit": "90000.00",
                    "sales": "1800000.00",
                }
            ]
        },
    )

    period_end: BusinessDate
    currency: CurrencyCode
    current_assets: DecimalText
    current_liabilities: DecimalText
    cash: DecimalText
    marketable_securities: DecimalText
    receivables: DecimalText
    inventory: DecimalText
    total_assets: DecimalText
    total_liabilities: DecimalText
    equity: DecimalText = Field(description="May be negative")
    retained_earnings: DecimalText = Field(description="May be negative")
    ebit: DecimalText = Field(description="May be negative")
    sales: DecimalText


class RatiosOut(BaseModel):
    current_ratio: str | None = Field(description="current assets / current liabilities")
    quick_ratio: str | None = Field(description="(cash + securities + receivables) / CL")
    debt_to_assets: str
    receivables_turnover: str | None = Field(description="sales / receivables")
    altman_z: str | None = Field(description="Altman Z'' for non-manufacturers")
    altman_zone: str | None = Field(description="safe (> 2.6), grey (1.1-2.6), distress (< 1.1)")


class StatementOut(BaseModel):
    id: str
    customer_id: str
    period_end: date
    currency: str
    amounts: dict[str, str]
    ratios: RatiosOut
    recorded_by: str
    recorded_at: datetime


class StatementList(BaseModel):
    items: list[StatementOut] = Field(description="Latest period first")


class RecordBureauReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agency: Text
    score: Score
    scale_min: Score
    scale_max: Score
    rating: Text | None = None
    reported_on: BusinessDate


class BureauReportOut(BaseModel):
    id: str
    customer_id: str
    agency: str
    score: int
    scale_min: int
    scale_max: int
    rating: str | None
    reported_on: date
    normalised_score: str = Field(description="0 (worst) to 100 (best) on the agency's scale")
    recorded_by: str
    recorded_at: datetime


class BureauReportList(BaseModel):
    items: list[BureauReportOut] = Field(description="Latest report first")


AMOUNT_FIELDS = tuple(
    f for f in FinancialStatement.__dataclass_fields__ if f not in ("period_end", "currency")
)


def statement_out(recorded: Recorded[FinancialStatement]) -> StatementOut:
    s, r = recorded.item, ratios_of(recorded.item)
    return StatementOut(
        id=recorded.id,
        customer_id=recorded.customer_id,
        period_end=s.period_end,
        currency=s.currency,
        amounts={f: format_minor(getattr(s, f), s.currency) for f in AMOUNT_FIELDS},
        ratios=RatiosOut(
            current_ratio=rounded(r.current_ratio),
            quick_ratio=rounded(r.quick_ratio),
            debt_to_assets=rounded(r.debt_to_assets) or "",
            receivables_turnover=rounded(r.receivables_turnover),
            altman_z=rounded(r.altman_z),
            altman_zone=r.altman_zone,
        ),
        recorded_by=recorded.recorded_by,
        recorded_at=recorded.recorded_at,
    )


def report_out(recorded: Recorded[BureauReport]) -> BureauReportOut:
    b = recorded.item
    return BureauReportOut(
        id=recorded.id,
        customer_id=recorded.customer_id,
        agency=b.agency,
        score=b.score,
        scale_min=b.scale_min,
        scale_max=b.scale_max,
        rating=b.rating,
        reported_on=b.reported_on,
        normalised_score=rounded(b.normalised) or "",
        recorded_by=recorded.recorded_by,
        recorded_at=recorded.recorded_at,
    )
