"""A credit manager completes a review: the customer is assessed anew and the decision kept."""

from collections.abc import Callable
from datetime import date, datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.assessment import Assessment
from credit_svc.domain.limits import CreditLimit
from credit_svc.domain.reviews import (
    Review,
    ReviewDecision,
    ReviewNotFound,
    ReviewNotOpen,
    ReviewStatus,
    complete,
)
from credit_svc.use_cases.assess_customer import assess_customer


async def complete_review(
    uow: CreditUnitOfWork,
    review_id: str,
    *,
    as_of: date,
    decision: ReviewDecision,
    threshold_of: Callable[[str], int],
    by: str,
    now: datetime,
) -> tuple[Review, Assessment, CreditLimit | None]:
    review = await uow.reviews.get(review_id)
    if review is None:
        raise ReviewNotFound(review_id)
    if review.status is not ReviewStatus.OPEN:
        raise ReviewNotOpen(review.id)
    assessment, limit = await assess_customer(
        uow,
        review.customer_id,
        as_of=as_of,
        apply_limit=decision is ReviewDecision.APPLY_PROPOSED_LIMIT,
        threshold_of=threshold_of,
        by=by,
        now=now,
    )
    completed = complete(review, on=as_of, by=by, assessment_id=assessment.id, decision=decision)
    await uow.reviews.save(completed)
    return completed, assessment, limit
