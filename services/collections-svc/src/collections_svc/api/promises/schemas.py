from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from collections_svc.api.dates import BusinessDate
from collections_svc.domain.promise import PromiseStatus

Money = Annotated[str, StringConstraints(pattern=r"^-?\d{1,13}(\.\d{1,4})?$")]


class MakePromise(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"amount": "500.00", "currency": "EUR", "promised_on": "2026-12-15"}]
        },
    )

    amount: Money
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    promised_on: BusinessDate
    made_on: BusinessDate | None = Field(default=None, description="Default: the business date")
    invoice_ids: list[Annotated[str, StringConstraints(min_length=1, max_length=64)]] = Field(
        default_factory=list, max_length=500, description="None: all the customer's invoices"
    )


class PromiseOut(BaseModel):
    id: str
    case_id: str
    customer_id: str
    status: PromiseStatus
    currency: str
    amount: str
    paid: str = Field(description="Payments counted towards it so far")
    made_on: date
    promised_on: date
    held_until: date = Field(description="promised_on + the policy's grace days, inclusive")
    invoice_ids: list[str]
    kept_on: date | None
    broken_on: date | None
