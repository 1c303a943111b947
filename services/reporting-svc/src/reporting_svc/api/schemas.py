"""reporting-svc's HTTP contract: amounts are decimal strings at each currency's scale."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

_ROW_EXAMPLE: JsonDict = {
    "customer_id": "0193a5c2-7f3e-7d41-9a2b-5c1e8f0d4a11",
    "currency": "EUR",
    "current": "1200.00",
    "days_1_30": "350.50",
    "days_31_60": "0.00",
    "days_61_90": "0.00",
    "days_over_90": "80.00",
    "total": "1630.50",
}
_TOTAL_EXAMPLE: JsonDict = {k: v for k, v in _ROW_EXAMPLE.items() if k != "customer_id"}


Current = Annotated[str, Field(description="Not yet due, or due on the as-of date")]
Days1To30 = Annotated[str, Field(description="1 to 30 days past due")]
Days31To60 = Annotated[str, Field(description="31 to 60 days past due")]
Days61To90 = Annotated[str, Field(description="61 to 90 days past due")]
DaysOver90 = Annotated[str, Field(description="More than 90 days past due")]
Total = Annotated[str, Field(description="Everything still open")]


class CustomerAgingOut(BaseModel):
    """What one customer owes in one currency, by how far past due it is."""

    model_config = ConfigDict(json_schema_extra={"examples": [_ROW_EXAMPLE]})

    customer_id: str
    currency: str
    current: Current
    days_1_30: Days1To30
    days_31_60: Days31To60
    days_61_90: Days61To90
    days_over_90: DaysOver90
    total: Total


class CurrencyAgingOut(BaseModel):
    """Everything owed in one currency, by how far past due it is."""

    model_config = ConfigDict(json_schema_extra={"examples": [_TOTAL_EXAMPLE]})

    currency: str
    current: Current
    days_1_30: Days1To30
    days_31_60: Days31To60
    days_61_90: Days61To90
    days_over_90: DaysOver90
    total: Total


class AgingReportOut(BaseModel):
    """Accounts-receivable aging as it stood at the end of the as-of date."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"as_of": "2026-11-30", "rows": [_ROW_EXAMPLE], "totals": [_TOTAL_EXAMPLE]}
            ]
        }
    )

    as_of: date
    rows: list[CustomerAgingOut] = Field(description="Per customer and currency, by customer id")
    totals: list[CurrencyAgingOut] = Field(description="Per currency; never summed across them")
