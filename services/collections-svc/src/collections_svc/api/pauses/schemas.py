from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from collections_svc.api.dates import BusinessDate


class StartPause(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"until": "2026-12-31", "reason": "billing query"}]},
    )

    until: BusinessDate = Field(description="Last day the pause holds (inclusive)")
    reason: str = Field(min_length=1, max_length=500)


class PauseOut(BaseModel):
    id: str
    customer_id: str
    starts_on: date
    until: date
    reason: str
    ended_on: date | None
