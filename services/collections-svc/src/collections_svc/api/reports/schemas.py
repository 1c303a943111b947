from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

EXAMPLE: JsonDict = {
    "from": "2026-11-01",
    "to": "2026-11-30",
    "collectors": [
        {
            "collector": "colin",
            "collected": [{"currency": "EUR", "amount": "1250.00"}],
            "cases_closed": 2,
            "promises_made": 3,
            "promises_kept": 1,
            "promises_broken": 1,
            "average_days_to_close": "12.50",
        }
    ],
}


class CollectedOut(BaseModel):
    currency: str
    amount: str


class CollectorFiguresOut(BaseModel):
    collector: str
    collected: list[CollectedOut] = Field(
        description="Paid on overdue invoices of their cases in the period, per currency"
    )
    cases_closed: int
    promises_made: int
    promises_kept: int
    promises_broken: int
    average_days_to_close: str | None = Field(
        description="Mean days from opened to closed of the cases closed, to the hundredth"
    )


class CollectorPerformance(BaseModel):
    model_config = ConfigDict(populate_by_name=True, json_schema_extra={"examples": [EXAMPLE]})

    start: date = Field(alias="from", serialization_alias="from")
    end: date = Field(alias="to", serialization_alias="to")
    collectors: list[CollectorFiguresOut]
