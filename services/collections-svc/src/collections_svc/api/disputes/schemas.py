from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from collections_svc.domain.dispute import DisputeStatus

PositiveMoney = Annotated[str, StringConstraints(pattern=r"^\d{1,13}(\.\d{1,4})?$")]


class OpenDispute(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"invoice_id": "0193…", "amount": "120.00", "reason": "damaged goods"}]
        },
    )

    invoice_id: str = Field(min_length=1, max_length=64)
    amount: PositiveMoney = Field(description="The amount disputed, in the invoice's currency")
    reason: str = Field(min_length=1, max_length=1000)


class ResolveDispute(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Literal["accepted", "rejected"]
    note: str = Field(min_length=1, max_length=2000)


class DisputeOut(BaseModel):
    id: str
    customer_id: str
    invoice_id: str
    currency: str
    amount: str
    reason: str
    status: DisputeStatus
    opened_on: date
    resolved_on: date | None
    note: str | None
