"""Review runs, reviews and early warnings: the watch credit control keeps on customers."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.api.access import CanCheck, CanDecide, CanRead, Resources
from credit_svc.api.assessment_schemas import assessment_out
from credit_svc.api.review_schemas import (
    CompletedReviewOut,
    CompleteReview,
    ReviewPage,
    ReviewRunOut,
    RunReviews,
    WarningList,
    review_out,
    warning_out,
)
from credit_svc.domain.amounts import business_date
from credit_svc.use_cases.complete_review import complete_review
from credit_svc.use_cases.credit_standing import account_of
from credit_svc.use_cases.run_reviews import run_reviews
from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.deps import DbSession, Idempotent
from ledgerflow_platform.web.pagination import Cursor, Limit, decode_cursor, next_cursor

router = APIRouter(prefix="/v1", tags=["reviews and warnings"])


@router.post(
    "/review-runs",
    response_model=ReviewRunOut,
    summary="Raise early warnings and open the reviews due, as of a business date",
)
async def post_review_run(
    body: RunReviews, session: DbSession, idempotency: Idempotent, now: Now, _: CanCheck
) -> Response | ReviewRunOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    run = await run_reviews(uow, as_of=business_date(body.as_of, today=now.date()), now=now)
    out = ReviewRunOut(
        as_of=run.as_of,
        warnings_raised=[warning_out(w) for w in run.warnings_raised],
        reviews_opened=[review_out(r) for r in run.reviews_opened],
    )
    await idempotency.remember(200, out)
    await uow.commit()
    return out


@router.get("/reviews", response_model=ReviewPage, summary="Credit reviews, by id")
async def list_reviews(
    session: DbSession,
    _: CanRead,
    status: Annotated[Literal["open", "completed"] | None, Query()] = None,
    customer_id: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ReviewPage:
    found = await CreditUnitOfWork(session).reviews.page(
        status=status, customer_id=customer_id, after=decode_cursor(cursor), limit=limit
    )
    return ReviewPage(
        items=[review_out(r) for r in found], next_cursor=next_cursor([r.id for r in found], limit)
    )


@router.post(
    "/reviews/{review_id}:complete",
    response_model=CompletedReviewOut,
    summary="Complete a review with a new assessment and a decision",
)
async def post_review_completion(
    review_id: str,
    body: CompleteReview,
    session: DbSession,
    idempotency: Idempotent,
    resources: Resources,
    now: Now,
    principal: CanDecide,
) -> Response | CompletedReviewOut:
    if (replayed := await idempotency.replay()) is not None:
        return replayed
    uow = CreditUnitOfWork(session)
    review, assessment, limit = await complete_review(
        uow,
        review_id,
        as_of=business_date(body.as_of, today=now.date()),
        decision=body.decision,
        threshold_of=resources.approval_threshold,
        by=principal.subject,
        now=now,
    )
    out = CompletedReviewOut(
        review=review_out(review), assessment=assessment_out(assessment, limit)
    )
    await idempotency.remember(200, out)
    await uow.commit()
    return out


@router.get(
    "/customers/{customer_id}/warnings",
    response_model=WarningList,
    summary="A customer's early warnings, standing and cleared",
)
async def list_warnings(customer_id: str, session: DbSession, _: CanRead) -> WarningList:
    uow = CreditUnitOfWork(session)
    await account_of(uow, customer_id)
    return WarningList(items=[warning_out(w) for w in await uow.warnings.of(customer_id)])
