"""A dated review run: every customer's early warnings as of the date (each opening a review),
and a periodic review for each customer whose grade's review date has come. Running it again
changes nothing."""

from dataclasses import dataclass, field
from datetime import date, datetime

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.reviews import Review
from credit_svc.domain.warnings import CreditWarning
from credit_svc.use_cases.watch_warnings import open_periodic_review, watch_warnings


@dataclass
class ReviewRun:
    as_of: date
    warnings_raised: list[CreditWarning] = field(default_factory=list)
    reviews_opened: list[Review] = field(default_factory=list)


async def run_reviews(uow: CreditUnitOfWork, *, as_of: date, now: datetime) -> ReviewRun:
    run = ReviewRun(as_of)
    due = set(await uow.accounts.due_for_review(as_of))
    for customer_id in await uow.accounts.all_ids():
        await uow.lock_customer(customer_id)
        raised, opened = await watch_warnings(uow, customer_id, as_of=as_of, now=now)
        run.warnings_raised += raised
        if opened is not None:
            run.reviews_opened.append(opened)
        elif customer_id in due and (review := await open_periodic_review(uow, customer_id, as_of)):
            run.reviews_opened.append(review)
    return run
