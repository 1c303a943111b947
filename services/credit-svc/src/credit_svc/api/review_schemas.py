"""Early warnings, review runs and reviews over HTTP."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from credit_svc.api.assessment_schemas import AssessmentOut
from credit_svc.domain.reviews import Review, ReviewDecision
from credit_svc.domain.warnings import CreditWarning


class RunReviews(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"as_of": "2026-11-30"}]}
    )

    as_of: date = Field(description="The business date of the run; not after today")


class WarningOut(BaseModel):
    id: str
    customer_id: str
    kind: str = Field(description="large_debt, long_unpaid, behaviour_drift or returned_payment")
    detail: str
    raised_on: date
    cleared_on: date | None = Field(description="null while the warning stands")


class WarningList(BaseModel):
    items: list[WarningOut] = Field(description="Latest raised first")


class ReviewOut(BaseModel):
    id: str
    customer_id: str
    reason: str = Field(description="periodic, or the warning that opened it")
    opened_on: date
    status: str = Field(description="open or completed")
    completed_on: date | None
    completed_by: str | None
    assessment_id: str | None = Field(description="The assessment that completed it")
    decision: str | None = Field(description="keep_limit or apply_proposed_limit")


class ReviewPage(BaseModel):
    items: list[ReviewOut]
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null: last")


class ReviewRunOut(BaseModel):
    as_of: date
    warnings_raised: list[WarningOut]
    reviews_opened: list[ReviewOut]


class CompleteReview(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"as_of": "2026-11-30", "decision": "keep_limit"}]},
    )

    as_of: date = Field(description="The business date of the new assessment; not after today")
    decision: ReviewDecision = Field(
        description="keep_limit, or apply_proposed_limit (four eyes apply)"
    )


class CompletedReviewOut(BaseModel):
    review: ReviewOut
    assessment: AssessmentOut


def warning_out(w: CreditWarning) -> WarningOut:
    return WarningOut(
        id=w.id,
        customer_id=w.customer_id,
        kind=w.kind,
        detail=w.detail,
        raised_on=w.raised_on,
        cleared_on=w.cleared_on,
    )


def review_out(r: Review) -> ReviewOut:
    return ReviewOut(
        id=r.id,
        customer_id=r.customer_id,
        reason=r.reason,
        opened_on=r.opened_on,
        status=r.status,
        completed_on=r.completed_on,
        completed_by=r.completed_by,
        assessment_id=r.assessment_id,
        decision=r.decision,
    )
