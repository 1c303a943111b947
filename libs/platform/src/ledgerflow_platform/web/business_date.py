"""The service's business date, and the one guard against dates after it.

A run (overdue, late fees, dunning, reviews, expiry) dated after the business date would act
on a future that has not happened and cannot be undone; a posting may be dated at most
`max_days_ahead` days after it. Both are refused with 422 `date-in-future`, naming the field.
The business date is the request's calendar date (web/clock.py) unless the service's settings
fix it (`<PREFIX>_BUSINESS_DATE`), as demos and tests do.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from fastapi import Depends, Request

from ledgerflow_platform.web.clock import Now
from ledgerflow_platform.web.problems import Problem, ProblemType

DATE_IN_FUTURE = ProblemType(422, "date-in-future", "The date is after the business date")


@dataclass(frozen=True)
class DateGuard:
    """Today for the business, and how far ahead of it a posting may be dated."""

    business_date: date
    max_days_ahead: int = 0

    @property
    def latest_posting_date(self) -> date:
        return self.business_date + timedelta(days=self.max_days_ahead)

    def run(self, on: date, *, field: str) -> date:
        """A run dated `on`: refused when after the business date."""
        return self._not_after(on, self.business_date, field, "a run")

    def posting(self, on: date, *, field: str) -> date:
        """A posting dated `on`: refused when after the business date plus the days allowed."""
        return self._not_after(on, self.latest_posting_date, field, "a posting")

    def posting_refusal(self, on: date, field: str) -> str | None:
        """Why a posting dated `on` is refused, or None: for a check that reports each
        refusal (a row of an import) instead of stopping at the first."""
        return self._refusal(on, self.latest_posting_date, field, "a posting")

    def _refusal(self, on: date, latest: date, field: str, what: str) -> str | None:
        if on <= latest:
            return None
        return (
            f"{field} {on} is after {latest}: {what} may not be dated after the business "
            f"date {self.business_date}"
            + (f" plus {self.max_days_ahead} days." if latest != self.business_date else ".")
        )

    def _not_after(self, on: date, latest: date, field: str, what: str) -> date:
        message = self._refusal(on, latest, field, what)
        if message is None:
            return on
        raise Problem(
            DATE_IN_FUTURE,
            message,
            errors=[{"field": field, "message": message}],
            members={"business_date": self.business_date.isoformat(), "latest": latest.isoformat()},
        )


# Coroutines, though they wait for nothing: FastAPI runs a plain function dependency on a worker
# thread, a thread hop on every request of every route that takes the business date.
async def business_date(request: Request, now: Now) -> date:
    fixed: date | None = getattr(request.app.state.settings, "business_date", None)
    return fixed if fixed is not None else now.date()


async def date_guard(request: Request, today: Annotated[date, Depends(business_date)]) -> DateGuard:
    ahead: int = getattr(request.app.state.settings, "max_days_ahead", 0)
    return DateGuard(today, ahead)


BusinessDate = Annotated[date, Depends(business_date)]
Dates = Annotated[DateGuard, Depends(date_guard)]
