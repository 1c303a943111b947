from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from collections_svc.api.dates import BusinessDate

RUN_ID = "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b"


class StartStatementRun(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={"examples": [{"from": "2026-11-01", "to": "2026-11-30"}]},
    )

    date_from: BusinessDate = Field(alias="from", description="First business date")
    date_to: BusinessDate = Field(
        alias="to",
        description="Last business date: not after the business date, at most a year after from",
    )


class StatementRunOut(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
        # Stored for an Idempotency-Key replay as served: with "from" and "to".
        serialize_by_alias=True,
        json_schema_extra={
            "examples": [
                {"id": RUN_ID, "from": "2026-11-01", "to": "2026-11-30", "statements_queued": 3}
            ]
        },
    )

    id: str
    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")
    statements_queued: int = Field(description="Customers with an open balance when it ran")


class StatementOut(BaseModel):
    customer_id: str
    status: Literal["queued", "sending", "sent", "failed", "no_recipient"]
    message_id: str
    recipients_masked: list[str]
    error: str | None = Field(description="Why the last attempt failed, when it did")
    sent_at: datetime | None


class StatementRunDetail(StatementRunOut):
    statements: list[StatementOut] = Field(description="One per customer, by customer id")
