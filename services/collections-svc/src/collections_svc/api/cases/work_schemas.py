"""The HTTP contract of case work: assignment, the activity log and the worklist."""

from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic.config import JsonDict

from collections_svc.api.cases.schemas import EXAMPLE_CASE, CaseOut
from collections_svc.api.dates import BusinessDate
from collections_svc.domain.case_work import ActivityKind

UserId = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]


class AssignCase(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"collector": "colin"}]}
    )

    collector: UserId = Field(description="The collector's user id (their token's subject)")


EXAMPLE_ACTIVITY: JsonDict = {
    "kind": "call",
    "outcome": "reached accounts payable; payment promised for Friday",
    "occurred_at": "2026-11-03T09:30:00Z",
    "next_action_on": "2026-11-09",
    "note": "Ask for the remittance advice.",
}


class LogActivity(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_ACTIVITY]})

    kind: ActivityKind
    outcome: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    occurred_at: AwareDatetime = Field(description="When it happened, with its time zone")
    next_action_on: BusinessDate | None = Field(
        default=None, description="When to take the case up again"
    )
    note: Annotated[str, StringConstraints(max_length=4000)] = ""

    @field_validator("occurred_at")
    @classmethod
    def within_business_years(cls, value: datetime) -> datetime:
        if not 1900 <= value.year <= 2200:
            raise ValueError("must lie in the years 1900 to 2200")
        return value


class ActivityOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **EXAMPLE_ACTIVITY,
                    "id": "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a70",
                    "case_id": EXAMPLE_CASE["id"],
                    "recorded_by": "colin",
                    "recorded_at": "2026-11-03T09:41:12Z",
                }
            ]
        }
    )

    id: str
    case_id: str
    kind: ActivityKind
    outcome: str
    occurred_at: datetime
    next_action_on: date | None
    note: str
    recorded_by: str = Field(description="Who logged it (user id)")
    recorded_at: datetime


class ActivityPage(BaseModel):
    items: list[ActivityOut]
    next_cursor: str | None


class WorkItemOut(BaseModel):
    """An open case on the worklist with what ranked it."""

    case: CaseOut
    priority: int = Field(description="Higher first; how it is built: see the endpoint")
    collectible_amount: str = Field(description="Overdue less what is disputed")
    disputed_amount: str
    oldest_days_past_due: int
    credit_grade: str | None
    broken_promises: int
    next_action_on: date | None = Field(description="Set by the case's latest activity")


class Worklist(BaseModel):
    items: list[WorkItemOut]
