"""Manual holds over HTTP."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from credit_svc.domain.holds import Hold

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class PlaceHold(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "Ownership change"}]}
    )

    reason: Reason = Field(description="Why, in the credit manager's words")


class ReleaseHold(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "Guarantee received"}]}
    )

    reason: Reason = Field(description="Why it is lifted")


class CreditHoldOut(BaseModel):
    """A credit hold: while open, new orders are declined."""

    id: str
    customer_id: str
    reason: str = Field(description="The reason code: manual for holds placed by hand")
    note: str | None = Field(description="The credit manager's words when placed")
    placed_at: datetime
    placed_by: str
    released_at: datetime | None
    released_by: str | None
    release_note: str | None


def credit_hold_out(hold: Hold) -> CreditHoldOut:
    return CreditHoldOut(
        id=hold.id,
        customer_id=hold.customer_id,
        reason=hold.reason,
        note=hold.note,
        placed_at=hold.placed_at,
        placed_by=hold.placed_by,
        released_at=hold.released_at,
        released_by=hold.released_by,
        release_note=hold.release_note,
    )
