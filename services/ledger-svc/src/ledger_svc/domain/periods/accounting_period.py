"""Accounting periods: calendar months, each closed on its own, so that nothing dated in a
closed month can be posted any more.

Rules:
1. A period is a calendar month, named YYYY-MM; it is open until closed.
2. A period closes only when its checks pass (period_close.py): the books are consistent and
   every bank statement dated in it is reconciled, or each unmatched line explained.
3. While it is closed, no posting dated in it is accepted, of any kind (invoice, payment,
   credit note, write-off, refund, reversal, void, late fee); the refusal names the period
   and the first date on or after the posting's that is open.
4. Only an admin reopens a period, with a reason; the reopening is kept (who, when, why).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ledgerflow_platform.errors import DomainError

# Years a period may be named in: the bounds of every date the ledger takes.
FIRST_YEAR, LAST_YEAR = 1900, 2200


class PeriodStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


def period_of(on: date) -> str:
    """The name of the period a date is in: its calendar month, YYYY-MM."""
    return f"{on.year:04d}-{on.month:02d}"


def first_day(period: str) -> date:
    """The first day of a period named YYYY-MM; InvalidPeriod for anything else."""
    try:
        year, month = (int(part) for part in period.split("-"))
        if len(period) != 7 or not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(period)
        return date(year, month, 1)
    except ValueError as exc:
        raise InvalidPeriod(period) from exc


def next_period(period: str) -> str:
    start = first_day(period)
    return period_of(date(start.year + start.month // 12, start.month % 12 + 1, 1))


@dataclass(frozen=True)
class AccountingPeriod:
    """A month's state: closed (by whom, when) or open (perhaps reopened, by whom and why)."""

    period: str
    status: PeriodStatus
    closed_at: datetime | None = None
    closed_by: str | None = None
    reopened_at: datetime | None = None
    reopened_by: str | None = None
    reopen_reason: str | None = None

    @property
    def first_day(self) -> date:
        return first_day(self.period)

    def close(self, *, by: str, at: datetime) -> "AccountingPeriod":
        if self.status is PeriodStatus.CLOSED:
            raise PeriodAlreadyClosed(self.period)
        return AccountingPeriod(self.period, PeriodStatus.CLOSED, at, by)

    def reopen(self, *, by: str, at: datetime, reason: str) -> "AccountingPeriod":
        if self.status is not PeriodStatus.CLOSED:
            raise PeriodNotClosed(self.period)
        return AccountingPeriod(
            self.period, PeriodStatus.OPEN, self.closed_at, self.closed_by, at, by, reason
        )


def open_period(period: str) -> AccountingPeriod:
    first_day(period)
    return AccountingPeriod(period, PeriodStatus.OPEN)


@dataclass(frozen=True)
class ClosedPeriods:
    """The periods closed when a posting is judged (rule 3)."""

    closed: frozenset[str]

    def ensure_open(self, on: date, *, field: str | None = None) -> None:
        if period_of(on) in self.closed:
            raise PeriodClosed(period_of(on), self.first_open_date(on), field=field)

    def first_open_date(self, on: date) -> date:
        """`on` if its period is open, else the first day of the next open period."""
        period = period_of(on)
        if period not in self.closed:
            return on
        while period in self.closed:
            period = next_period(period)
        return first_day(period)

    def refusals(self, dates: Iterable[date]) -> list["PeriodClosed"]:
        found: list[PeriodClosed] = []
        for on in dates:
            try:
                self.ensure_open(on)
            except PeriodClosed as refused:
                found.append(refused)
        return found


class InvalidPeriod(DomainError):
    def __init__(self, period: str) -> None:
        super().__init__(
            f"{period!r} is not a period: name a calendar month as YYYY-MM, "
            f"in the years {FIRST_YEAR} to {LAST_YEAR}.",
            field="period",
        )


class PeriodNotOver(DomainError):
    def __init__(self, period: str, today: date) -> None:
        super().__init__(
            f"Period {period} is not over on the business date {today}: close a month once "
            "it has ended.",
            field="period",
        )


class PeriodClosed(DomainError):
    """A posting dated in a closed period (rule 3)."""

    def __init__(self, period: str, first_open_date: date, *, field: str | None = None) -> None:
        super().__init__(
            f"Period {period} is closed: nothing dated in it can be posted; the first open "
            f"date is {first_open_date}.",
            field=field,
        )
        self.period = period
        self.first_open_date = first_open_date

    def members(self) -> dict[str, object]:
        return {"period": self.period, "first_open_date": self.first_open_date.isoformat()}


class PeriodAlreadyClosed(DomainError):
    def __init__(self, period: str) -> None:
        super().__init__(f"Period {period} is already closed.", field="period")


class PeriodNotClosed(DomainError):
    def __init__(self, period: str) -> None:
        super().__init__(f"Period {period} is not closed: there is nothing to reopen.")
