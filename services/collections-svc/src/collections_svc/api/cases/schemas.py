"""collections-svc's HTTP contract."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from collections_svc.domain.case_work import CaseStanding

EXAMPLE_CASE: JsonDict = {
    "id": "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
    "customer_id": "0193a1b0-1111-7e8f-9a0b-1c2d3e4f5a6b",
    "status": "open",
    "currency": "EUR",
    "overdue_amount": "1250.00",
    "opened_on": "2026-11-01",
    "closed_on": None,
    "collector": "colin",
    "assigned_on": "2026-11-02",
}


class CaseOut(BaseModel):
    """A collection case: a customer in arrears, how much, since and until when."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_CASE]})

    id: str
    customer_id: str
    status: CaseStanding = Field(
        description="Where it stands: closed; legal; in_plan (a plan on track); disputed (an "
        "open dispute); promised (an open promise); else open"
    )
    currency: str = Field(description="ISO 4217 currency of the overdue invoices")
    overdue_amount: str = Field(description="Open amount of the customer's overdue invoices")
    opened_on: date = Field(description="Business date the first invoice of the case fell overdue")
    closed_on: date | None = Field(description="Business date nothing was overdue any more")
    collector: str | None = Field(description="The collector working it (user id), if assigned")
    assigned_on: date | None = Field(description="Business date it was assigned to them")


class CasePage(BaseModel):
    """One page of collection cases, oldest first."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [EXAMPLE_CASE], "next_cursor": None}]}
    )

    items: list[CaseOut]
    next_cursor: str | None
