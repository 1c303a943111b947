from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from collections_svc.api.dates import BusinessDate
from collections_svc.api.promises.schemas import Money
from collections_svc.domain.payment_plan import PlanStatus

InvoiceId = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class InstalmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    due_on: BusinessDate
    amount: Money


class AgreePlan(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "invoice_ids": ["0193a1b2-0000-7e8f-9a0b-1c2d3e4f5a6b"],
                    "instalments": [
                        {"due_on": "2026-12-15", "amount": "400.00"},
                        {"due_on": "2027-01-15", "amount": "400.00"},
                    ],
                }
            ]
        },
    )

    invoice_ids: list[InvoiceId] = Field(min_length=1, max_length=500)
    instalments: list[InstalmentIn] = Field(min_length=1, max_length=120)


class InstalmentOut(BaseModel):
    due_on: date
    amount: str
    kept: bool = Field(description="Everything due up to and including it is paid")


class PlanOut(BaseModel):
    id: str
    case_id: str
    customer_id: str
    status: PlanStatus
    currency: str
    invoice_ids: list[str]
    instalments: list[InstalmentOut]
    total: str
    paid: str = Field(description="Payments to its invoices counted so far")
    agreed_on: date
    grace_days: int = Field(description="Days after an instalment's due date before it is missed")
    ended_on: date | None
