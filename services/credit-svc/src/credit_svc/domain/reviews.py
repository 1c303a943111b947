"""Credit reviews: opened when a customer's grade says it is due, or by an early warning;
completed by a credit manager with a new assessment and a decision. One is open at a time."""

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from ledgerflow_platform.errors import DomainError


class ReviewStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"


class ReviewDecision(StrEnum):
    # The grade's terms apply; the limit stays as set.
    KEEP_LIMIT = "keep_limit"
    # The limit the grade's rule proposes is set (four eyes apply).
    APPLY_PROPOSED_LIMIT = "apply_proposed_limit"


PERIODIC = "periodic"


class ReviewNotFound(DomainError):
    def __init__(self, review_id: str) -> None:
        super().__init__(f"No credit review {review_id}.")


class ReviewNotOpen(DomainError):
    def __init__(self, review_id: str) -> None:
        super().__init__(f"Credit review {review_id} was already completed.")


@dataclass(frozen=True)
class Review:
    id: str
    customer_id: str
    # periodic, or the warning that opened it (large_debt, long_unpaid, ...).
    reason: str
    opened_on: date
    status: ReviewStatus = ReviewStatus.OPEN
    completed_on: date | None = None
    completed_by: str | None = None
    assessment_id: str | None = None
    decision: ReviewDecision | None = None


def complete(
    review: Review, *, on: date, by: str, assessment_id: str, decision: ReviewDecision
) -> Review:
    if review.status is not ReviewStatus.OPEN:
        raise ReviewNotOpen(review.id)
    return replace(
        review,
        status=ReviewStatus.COMPLETED,
        completed_on=on,
        completed_by=by,
        assessment_id=assessment_id,
        decision=decision,
    )
